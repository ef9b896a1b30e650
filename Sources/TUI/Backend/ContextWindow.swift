import Engine

/// What of a conversation the model sees when it does not all fit in the context. When the
/// prompt and the reply so far leave no room for another token — before a reply or in the
/// middle of one — the oldest exchanges (a user turn and the replies after it) are dropped
/// until they take at most half of the context, so the next shift is far off; what is kept is
/// evaluated again. The system prompt and the turn being answered always stay: if they and the
/// reply alone fill the context, nothing fits.
struct ContextWindow {
    let format: any ChatFormat
    let tokenizer: any Tokenizer
    let capacity: Int

    /// The prompt for `turns` that leaves room for a token after `reply` more, and how many
    /// turns it leaves out; nil when even the shortest does not. Throws what the format throws.
    func prompt(for turns: [ChatTurn], reply: Int) throws -> (tokens: [Int32], dropped: Int)? {
        var kept = turns
        var prompt = try format.render(kept, tokenizer: tokenizer)
        let first = kept.first?.role == .system ? 1 : 0
        while prompt.count + reply >= capacity || (kept.count < turns.count && prompt.count + reply > capacity / 2),
              kept.count - first > 1 {
            kept.remove(at: first)
            while kept.count - first > 1, kept[first].role == .assistant { kept.remove(at: first) }
            prompt = try format.render(kept, tokenizer: tokenizer)
        }
        return prompt.count + reply < capacity ? (prompt, turns.count - kept.count) : nil
    }
}
