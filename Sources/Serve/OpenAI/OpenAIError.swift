import Foundation

/// A request the server refuses, sent as OpenAI's error object:
/// `{"error": {"message": …, "type": …, "param": …, "code": …}}`.
struct OpenAIError: Error, Equatable {
    let status: Int
    let message: String
    let type: String
    let param: String?
    let code: String?

    static func invalid(_ message: String, param: String? = nil, code: String? = nil) -> OpenAIError {
        OpenAIError(status: 400, message: message, type: "invalid_request_error", param: param, code: code)
    }

    /// An error the HTTP layer found (malformed, too large, too slow, too many connections).
    static func http(_ status: Int, _ message: String) -> OpenAIError {
        OpenAIError(status: status, message: message, type: status >= 500 ? "server_error" : "invalid_request_error", param: nil, code: nil)
    }

    static let unauthorized = OpenAIError(status: 401, message: "invalid or missing API key (send Authorization: Bearer KEY)",
                                          type: "authentication_error", param: nil, code: "invalid_api_key")

    /// What JSONDecoder's error means for the client: the field at fault and what it must be.
    static func decoding(_ error: DecodingError) -> OpenAIError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in key.intValue.map { "\(text)[\($0)]" } ?? (text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)") }
        }
        switch error {
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            let name = path(context.codingPath)
            return .invalid("'\(name)' must be \(describe(type))", param: name)
        case let .keyNotFound(key, context):
            let name = path(context.codingPath + [key])
            return .invalid("'\(name)' is required", param: name)
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return .invalid("the request body is not valid JSON") }
            let name = path(context.codingPath)
            return .invalid("'\(name)' is out of range or malformed", param: name)
        @unknown default:
            return .invalid("the request body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int32.Type, is UInt64.Type: "an integer"
        case is Float.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }

    var json: [UInt8] {
        var object: [String: Any] = ["message": message, "type": type]
        object["param"] = param ?? NSNull()
        object["code"] = code ?? NSNull()
        let data = (try? JSONSerialization.data(withJSONObject: ["error": object], options: [.sortedKeys])) ?? Data()
        return Array(data)
    }
}
