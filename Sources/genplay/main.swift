// placeholder
import Engine
import Foundation

// THROWAWAY local test entry (not committed).
var options = AppOptions()
options.demo = CommandLine.arguments.contains("--demo")
if let index = CommandLine.arguments.firstIndex(of: "--theme") { options.themeName = CommandLine.arguments[index + 1] }
options.chatsDirectory = URL(fileURLWithPath: "/tmp/genplay-test-chats")
exit(runApp(options))
