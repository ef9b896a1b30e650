import Foundation
import Testing
import TUI

/// Nothing lost: a process killed with SIGKILL at any moment while it saves a chat leaves the
/// previous version or the new one on disk, never a torn file. `genplay save-loop` saves a chat
/// that grows by one message per save through the app's ChatStore; it is killed at random
/// moments, 30 times, each run continuing from what the last one left. (Listing the chats
/// removes the temporary files of the saves it killed.)
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct ChatSavingTests {
    @Test func killedWhileSavingLeavesTheOldOrTheNewVersion() throws {
        let folder = Genplay.scratch("kill-\(UUID())")
        let store = ChatStore(directory: URL(fileURLWithPath: folder))
        var saved = 0
        for _ in 0 ..< 30 {
            let child = try ChildProcess([Genplay.binary!, "save-loop", folder])
            usleep(UInt32.random(in: 5_000 ... 80_000))
            child.signal(SIGKILL)
            #expect(child.wait().status == 128 + SIGKILL)

            let (chats, problems) = store.list()
            #expect(problems.isEmpty, "\(problems)")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).allSatisfy { $0 == "save-loop.json" },
                    "a killed save's temporary file is left")
            guard chats.count == 1 else { continue }  // killed before its first save
            let messages = try store.load(id: "save-loop").messages
            #expect(messages.count >= saved, "an earlier version was lost")
            for (index, message) in messages.enumerated() {
                let digits = 1024 * (index % 8 + 1)
                #expect(message.text == "message \(index), \(digits) digits: " + String(repeating: "\(index % 10)", count: digits))
            }
            saved = messages.count
        }
        #expect(saved > 0)
    }
}
