import Engine
import Foundation

/// genplay's engine behind the OpenAI API: `/v1/models`, `/v1/chat/completions`,
/// `/v1/completions` (whole or streamed as server-sent events) and `/health`.
public final class OpenAIServer: Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Required as `Authorization: Bearer KEY` on every path but `/health`.
        public var apiKey: String?
        public var maxConnections = 16
        public var limits = HTTPLimits()

        public init() {}
    }

    private let server: HTTPServer

    /// Listens at once (so a taken port is an error here); `run` serves.
    public init(model: ServedModel, options: Options, log: @escaping @Sendable (String) -> Void) throws {
        let routes = OpenAIRoutes(model: model, apiKey: options.apiKey.map { Array($0.utf8) })
        server = try HTTPServer(host: options.host, port: options.port, limits: options.limits, maxConnections: options.maxConnections,
                                errorBody: { OpenAIError.http($0, $1).json }, log: log, handler: routes.handle)
    }

    /// The port listened on (the system's pick for port 0).
    public var port: Int { server.port }

    /// Serves until `stopDescriptor` is readable, then lets running requests finish.
    public func run(stopDescriptor: Int32) { server.run(stopDescriptor: stopDescriptor) }
}

/// Which endpoint a request is for, and the errors on the way there as OpenAI error objects.
private struct OpenAIRoutes: Sendable {
    let model: ServedModel
    let apiKey: [UInt8]?
    /// Every path served, with any method: another method on one is a 405, not a 404.
    static let paths: Set = ["/health", "/v1/models", "/models", "/v1/chat/completions", "/chat/completions", "/v1/completions", "/completions"]

    @Sendable func handle(_ request: HTTPRequest, _ writer: ResponseWriter) -> String {
        do {
            guard request.path == "/health" || authorized(request) else { throw OpenAIError.unauthorized }
            switch (request.method, request.path) {
            case ("GET", "/health"):
                writer.respond(status: 200, json: Array(#"{"status":"ok"}"#.utf8))
                return ""
            case ("GET", "/v1/models"), ("GET", "/models"):
                let entry = OpenAIResponse.Model(id: model.name, created: OpenAIResponse.now(), contextLength: model.contextLength)
                writer.respond(status: 200, json: OpenAIResponse.json(OpenAIResponse.ModelList(data: [entry])))
                return ""
            case ("POST", "/v1/chat/completions"), ("POST", "/chat/completions"):
                return try serveChat(try decode(ChatCompletionRequest.self, request), model: model, writer: writer)
            case ("POST", "/v1/completions"), ("POST", "/completions"):
                return try serveCompletion(try decode(CompletionRequest.self, request), model: model, writer: writer)
            case (_, let path) where Self.paths.contains(path):
                throw OpenAIError(status: 405, message: "\(request.method) is not allowed on \(request.path)",
                                  type: "invalid_request_error", param: nil, code: nil)
            default:
                throw OpenAIError(status: 404, message: "no such endpoint: \(request.path)", type: "invalid_request_error", param: nil, code: nil)
            }
        } catch let error as OpenAIError {
            return fail(error, writer)
        } catch {
            return fail(OpenAIError(status: 500, message: "\(error)", type: "server_error", param: nil, code: nil), writer)
        }
    }

    /// Sends `error`: as the response, or as a last event where a stream has begun.
    private func fail(_ error: OpenAIError, _ writer: ResponseWriter) -> String {
        if writer.streaming {
            writer.event(error.json)
            writer.finishEvents()
        } else {
            writer.respond(status: error.status, json: error.json)
        }
        return error.message
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: HTTPRequest) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(request.body))
        } catch let error as DecodingError {
            throw OpenAIError.decoding(error)
        }
    }

    /// `Authorization: Bearer KEY`, compared in time independent of where the key differs.
    private func authorized(_ request: HTTPRequest) -> Bool {
        guard let apiKey else { return true }
        guard let header = request.headers["authorization"], header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst(7).utf8)
        guard given.count == apiKey.count else { return false }
        return zip(given, apiKey).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
