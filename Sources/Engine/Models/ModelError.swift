/// Errors a model loader reports about its tensors.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case unsupportedArchitecture(String)
    case missingTensor(String)
    case unsupportedTensorType(tensor: String, type: String)
    /// A norm weight or a bias stored other than as F32 (what llama.cpp writes and reads).
    case vectorNotF32(tensor: String, type: String)
    case nonFiniteWeights(tensor: String)
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    case badHyperparameter(key: String, value: String)
    case unsupportedHyperparameter(key: String, value: String)
    case vocabularyMismatch(tokens: Int, embeddingRows: Int)

    public var description: String {
        switch self {
        case let .unsupportedArchitecture(arch):
            return "unsupported architecture '\(arch)' (supported: \(ModelRegistry.architectures.joined(separator: ", ")))"
        case let .missingTensor(name): return "required tensor '\(name)' is missing"
        case let .unsupportedTensorType(tensor, type):
            return "tensor '\(tensor)' has type \(type), which genplay cannot compute with yet (supported: \(WeightMatrix.supportedTypes.map(\.name).joined(separator: ", ")))"
        case let .vectorNotF32(tensor, type):
            return "tensor '\(tensor)' has type \(type), but norm weights and biases must be F32"
        case let .nonFiniteWeights(tensor):
            return "tensor '\(tensor)' holds NaN or infinite values: the file is damaged"
        case let .shapeMismatch(tensor, expected, found):
            return "tensor '\(tensor)' has shape \(found), expected \(expected)"
        case let .badHyperparameter(key, value): return "metadata '\(key)' has an unusable value \(value)"
        case let .unsupportedHyperparameter(key, value): return "metadata '\(key)' = \(value) is not supported yet"
        case let .vocabularyMismatch(tokens, rows):
            return "the tokenizer has \(tokens) tokens but the model's embedding has only \(rows) rows"
        }
    }
}
