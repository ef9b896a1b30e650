import Engine
import Foundation

/// A stand-in model for trying the interface without one (`genplay --demo`): it answers by
/// echoing the last message word by word at a steady pace, with made-up probabilities and
/// alternatives, and honours stop, stop strings, branch prefixes and step mode like a real backend.
public final class DemoChatBackend: ChatBackend, @unchecked Sendable {
    public static let info = ModelInfo(name: "demo (no model)", contextLength: 4096)

    private let lock = NSLock()
    private var stopped: Set<Int> = []
    private let tokenInterval: TimeInterval

    public init(tokenInterval: TimeInterval = 0.04) {
        self.tokenInterval = tokenInterval
    }

    public func start(_ request: GenerationRequest, settings: LiveSamplerSettings, emit: @escaping @Sendable (GenerationEvent) -> Void) {
        let words = Self.reply(to: request.turns.last?.text ?? "")
        let interval = tokenInterval
        Thread.detachNewThread { [self] in
            emit(.promptProcessed(contextTokens: request.turns.reduce(0) { $0 + $1.text.count / 4 + 4 } + request.assistantPrefix.count))
            var stops = StopStringFilter(settings.value.stopStrings)
            for index in request.assistantPrefix.count..<words.count + 1 {
                if isStopped(request.id) { return emit(.finished(.stopped)) }
                let token = Self.token(index < words.count ? words[index] : nil, at: index, temperature: settings.value.temperature)
                if request.mode == .proposeNext {
                    emit(.proposal(token))
                    return emit(.finished(.proposed))
                }
                Thread.sleep(forTimeInterval: interval)
                stops.stops = settings.value.stopStrings
                for shown in stops.append(token) { emit(.token(shown)) }
                if stops.isStopped { return emit(.finished(.stopString)) }
            }
            emit(.finished(.endOfGeneration))
        }
    }

    public func stop(requestID: Int) {
        lock.withLock { _ = stopped.insert(requestID) }
    }

    private func isStopped(_ requestID: Int) -> Bool {
        lock.withLock { stopped.contains(requestID) }
    }

    static func reply(to text: String) -> [String] {
        let words = text.split(separator: " ").prefix(200).map { " " + $0 }
        return ["You", " said:"] + (words.isEmpty ? [" nothing"] : words)
    }

    /// A token with a probability and alternatives that depend only on its position (and the
    /// temperature, so the heatmap visibly reacts to the sampler panel).
    static func token(_ word: String?, at index: Int, temperature: Float) -> GeneratedToken {
        let id = Int32(1000 + index)
        guard let word else {
            return GeneratedToken(id: 2, text: "", probability: 0.9, alternatives: [TokenAlternative(id: 2, text: "</s>", probability: 0.9)],
                                  isEndOfGeneration: true)
        }
        let spread = Float((index * 37) % 100) / 100
        let probability = max(0.05, min(0.98, 1 - spread * min(1, max(0.2, temperature))))
        var alternatives = [TokenAlternative(id: id, text: word, probability: probability)]
        var left = 1 - probability
        for rank in 1..<10 {
            let share = left / 2
            left -= share
            alternatives.append(TokenAlternative(id: id + Int32(rank * 10_000), text: word.uppercased() + String(repeating: "!", count: rank), probability: share))
        }
        return GeneratedToken(id: id, text: word, probability: probability, alternatives: alternatives, isEndOfGeneration: false)
    }
}
