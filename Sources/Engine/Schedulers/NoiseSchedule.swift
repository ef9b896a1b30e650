/// The diffusion noise schedule: betas as stored in the checkpoint and
/// ᾱ[t] = Π_{i≤t} (1 − β[i]) accumulated in double (Checkpoints/README.md, "Samplers").
public struct NoiseSchedule: Sendable {
    public let betas: [Float]
    public let alphasCumprod: [Double]

    public init(betas: [Float]) {
        self.betas = betas
        var product = 1.0
        alphasCumprod = betas.map { beta in
            product *= 1 - Double(beta)
            return product
        }
    }

    /// Training timesteps T.
    public var count: Int { betas.count }

    /// ᾱ at t; t = −1 (after the last sampling step) is the clean image, ᾱ = 1.
    public func alphaBar(_ t: Int) -> Double { t < 0 ? 1 : alphasCumprod[t] }

    /// "Trailing" spacing of S sampling steps: t_i = T − 1 − ⌊i·T/S⌋, i = 0..S−1 (integer math).
    public func trailingTimesteps(_ steps: Int) -> [Int] {
        precondition(steps >= 1 && steps <= count)
        return (0 ..< steps).map { count - 1 - $0 * count / steps }
    }

    /// The forward process: x_t = √ᾱ[t]·x0 + √(1 − ᾱ[t])·ε (t = −1 returns x0).
    public func noised(_ x0: [Float], t: Int, noise: [Float]) -> [Float] {
        precondition(x0.count == noise.count)
        let a = alphaBar(t), s = a.squareRoot(), n = (1 - a).squareRoot()
        return zip(x0, noise).map { Float(s * Double($0) + n * Double($1)) }
    }
}
