import CKernels
#if canImport(Glibc)
import Glibc
#endif

/// The element-wise nonlinearities of the image networks.
enum Activation: Equatable {
    case identity, silu, relu, tanh, sigmoid
    case leakyReLU(slope: Float)

    /// y = f(x) for `count` values; y may be x.
    func apply(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity: if UnsafePointer(y) != x { y.update(from: x, count: count) }
        case .silu: gp_silu(Int64(count), y, x)
        case .relu: for i in 0 ..< count { y[i] = max(x[i], 0) }
        case .tanh: for i in 0 ..< count { y[i] = tanhf(x[i]) }
        case .sigmoid: for i in 0 ..< count { y[i] = Activation.sigmoid(x[i]) }
        case let .leakyReLU(slope): for i in 0 ..< count { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
        }
    }

    func apply(_ map: FeatureMap) { apply(map.data, into: map.data, count: map.count) }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }
}
