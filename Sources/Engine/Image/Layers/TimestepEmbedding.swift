import Foundation

/// The sinusoidal timestep embedding: [sin(t·f_0) … sin(t·f_{h−1}), cos(t·f_0) … cos(t·f_{h−1})]
/// with f_i = exp(−ln(10000)·i/h), h = dimension/2, computed in double and rounded to float.
func sinusoidalEmbedding(_ t: Int, dimension: Int, into out: UnsafeMutablePointer<Float>) {
    let half = dimension / 2
    for i in 0 ..< half {
        let angle = Double(t) * exp(-log(10000.0) * Double(i) / Double(half))
        out[i] = Float(sin(angle))
        out[half + i] = Float(cos(angle))
    }
}
