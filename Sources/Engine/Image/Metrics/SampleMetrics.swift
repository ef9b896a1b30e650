import Foundation

/// Scores of a set of generated images from the evaluation classifier's view of them.
public enum SampleMetrics {
    /// The Inception-Score idea at this scale: exp(E_x KL(p(y|x) ‖ p(y))), p(y) the mean of
    /// p(y|x) over the images. 1 when every image looks alike to the classifier; the class count
    /// when each is confidently one class and the classes are used evenly.
    public static func inceptionScore(_ c: Classification) -> Double {
        let p = (0 ..< c.count).map { c.probabilities($0) }
        let marginal = (0 ..< c.classCount).map { y in p.reduce(0) { $0 + $1[y] } / Double(c.count) }
        let kl = p.reduce(0.0) { sum, row in
            sum + zip(row, marginal).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * log($1.0 / $1.1) : 0) }
        }
        return exp(kl / Double(c.count))
    }

    /// Share of images the classifier assigns to their intended class, overall and per class
    /// (nil for classes with no images).
    public static func accuracy(_ c: Classification, labels: [Int]) -> (overall: Double, perClass: [Double?]) {
        precondition(labels.count == c.count)
        var hits = [Int](repeating: 0, count: c.classCount), totals = hits
        for (i, label) in labels.enumerated() {
            totals[label] += 1
            if c.predictedClass(i) == label { hits[label] += 1 }
        }
        let perClass = zip(hits, totals).map { $1 == 0 ? nil : Double($0) / Double($1) }
        return (Double(hits.reduce(0, +)) / Double(max(1, c.count)), perClass)
    }

    /// Mean Euclidean distance between the features of every pair of images with the same label,
    /// per class: near 0 means one image per class (mode collapse).
    public static func diversity(_ c: Classification, labels: [Int]) -> [Double?] {
        let d = c.features.count / max(1, c.count)
        return (0 ..< c.classCount).map { y in
            let members = labels.indices.filter { labels[$0] == y }
            guard members.count >= 2 else { return nil }
            var sum = 0.0, pairs = 0
            for (a, i) in members.enumerated() {
                for j in members[(a + 1)...] {
                    var squared = 0.0
                    for k in 0 ..< d {
                        let diff = Double(c.features[i * d + k] - c.features[j * d + k])
                        squared += diff * diff
                    }
                    sum += squared.squareRoot()
                    pairs += 1
                }
            }
            return sum / Double(pairs)
        }
    }
}
