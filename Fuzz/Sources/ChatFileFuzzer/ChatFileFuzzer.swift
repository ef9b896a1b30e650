import Foundation
import FuzzDriver
import Render
import TUI

private let theme = ThemeLibrary.builtin(ThemeLibrary.defaultName)

/// One fuzz input: the bytes of a chat file, read as the app reads one (`ChatFileReader`) and,
/// when they open, shown as the app shows them: the chat at 80×24 and 24×8, its token view,
/// the picker listing it. Refusing a file is the expected outcome; a crash or a trap is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChatFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let (conversation, repairs) = try? ChatFileReader.conversation(from: Data(bytes: data, count: size), id: "fuzz") else {
        return 0
    }
    var model = AppModel(size: Size(width: 80, height: 24), theme: theme, now: 0)
    let summary = ChatSummary(id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt,
                              messageCount: conversation.messages.count)
    let messages: [Msg] = [.chatOpened(conversation, repairs: repairs), .key(.alt("t")), .key(Key(.left)), .key(Key(.up)),
                           .key(Key(.escape)), .resize(Size(width: 24, height: 8)), .key(.ctrl("o")),
                           .chatsListed([summary], problems: []), .key(Key(.down))]
    for msg in messages {
        _ = update(&model, msg, at: 0)
        _ = view(model)
    }
    return 0
}

@main
enum ChatFileFuzzer {
    static func main() { runLibFuzzer(fuzzChatFile) }
}
