import Engine
import Foundation

/// A chat as a Markdown document: title, a line about where it came from, the system prompt
/// as a quote, then each message under a heading; a reply's reasoning (its think section) is
/// a quote headed **Reasoning** before the answer.
enum MarkdownExport {
    static func markdown(_ conversation: Conversation, exportedAt: Double) -> String {
        let date = Date(timeIntervalSince1970: exportedAt).formatted(.iso8601.year().month().day().dateSeparator(.dash))
        var lines = ["# \(conversation.title)", ""]
        var about = "Exported from genplay on \(date)"
        if let model = conversation.modelName { about += " · model \(model)" }
        lines += ["*\(about)*", ""]
        if !conversation.systemPrompt.isEmpty {
            lines += quoted(conversation.systemPrompt[...])
            lines.append("")
        }
        for message in conversation.messages {
            let heading = switch message.role {
            case .user: "You"
            case .assistant: "Assistant"
            case .system: "System"
            }
            lines += ["## \(heading)", ""]
            if message.role == .assistant, let section = ThinkSection(in: message.text) {
                let reasoning = message.text[section.reasoning].trimmingCharacters(in: .whitespacesAndNewlines)
                if !reasoning.isEmpty || !section.isClosed {
                    lines += ["> **Reasoning**" + (section.isClosed ? "" : " (unfinished)"), ">"] + quoted(reasoning[...]) + [""]
                }
                lines.append(String(section.answer(in: message.text)))
            } else {
                lines.append(message.text)
            }
            if let error = message.error { lines += ["", "> ⚠ \(error)"] }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func quoted(_ text: Substring) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> \($0)" }
    }
}
