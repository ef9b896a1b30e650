/// RMS normalisation with ggml's arithmetic: squares rounded to float, summed in double, then
/// y = (x * scale) * w in float.
@inline(__always)
func rmsNorm(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
             count: Int, epsilon: Float) {
    var sum = 0.0
    for i in 0 ..< count { sum += Double(x[i] * x[i]) }
    let mean = Float(sum / Double(count))
    let scale = 1.0 / (mean + epsilon).squareRoot()
    for i in 0 ..< count { y[i] = x[i] * scale * weight[i] }
}
