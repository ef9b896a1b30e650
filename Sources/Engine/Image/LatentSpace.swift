import Foundation

/// Paths and draws in a latent space (GAN z, VAE z), vectors as flat float arrays.
public enum LatentSpace {
    /// Spherical interpolation: along the great circle between a and b (their norms blended
    /// linearly), which keeps a Gaussian latent at a typical radius where a straight line would
    /// pass closer to the origin. Falls back to the straight line for (anti)parallel vectors.
    public static func slerp(_ a: [Float], _ b: [Float], _ t: Float) -> [Float] {
        precondition(a.count == b.count)
        let na = norm(a), nb = norm(b)
        guard na > 0, nb > 0 else { return lerp(a, b, t) }
        let cosine = max(-1, min(1, zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / (na * nb)))
        let omega = acos(cosine)
        guard sin(omega) > 1e-6 else { return lerp(a, b, t) }
        let t = Double(t), wa = sin((1 - t) * omega) / sin(omega), wb = sin(t * omega) / sin(omega)
        // The unit directions blend on the sphere; the radius blends linearly.
        let radius = (1 - t) * na + t * nb
        return zip(a, b).map { Float(radius * (wa * Double($0) / na + wb * Double($1) / nb)) }
    }

    public static func lerp(_ a: [Float], _ b: [Float], _ t: Float) -> [Float] {
        zip(a, b).map { $0 + t * ($1 - $0) }
    }

    /// `steps` points from a to b (both included), flat.
    public static func lerpPath(from a: [Float], to b: [Float], steps: Int) -> [Float] {
        (0 ..< steps).flatMap { lerp(a, b, steps == 1 ? 0 : Float($0) / Float(steps - 1)) }
    }

    /// `steps` points from a to b along `slerp`, flat.
    public static func slerpPath(from a: [Float], to b: [Float], steps: Int) -> [Float] {
        (0 ..< steps).flatMap { slerp(a, b, steps == 1 ? 0 : Float($0) / Float(steps - 1)) }
    }

    /// N(0, I) values; with a truncation threshold τ, values with |v| > τ are drawn again (the
    /// "truncation trick": samples nearer the mode, less varied).
    public static func normal(_ count: Int, seed: UInt64, stream: UInt64 = 0, truncation: Float? = nil) -> [Float] {
        var g = GaussianGenerator(seed: seed, stream: stream)
        return (0 ..< count).map { _ in
            var v = g.next()
            if let tau = truncation, tau > 0 { while abs(v) > tau { v = g.next() } }
            return v
        }
    }

    static func norm(_ v: [Float]) -> Double { v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }
}
