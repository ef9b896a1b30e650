import Engine
import Foundation
import TUI

/// `genplay [options]`: the full-screen app.
enum AppCommand {
    static let usage = "genplay [-m MODEL] [--theme NAME] [options]"
    static let options: [OptionSpec] = LoadedLanguageModel.options + [
        OptionSpec("--theme", value: "NAME", help: "colour theme: default-dark, light, high-contrast, mono, or a file in ~/.config/genplay/themes"),
        OptionSpec("--system", value: "TEXT", help: "system prompt for new chats"),
        OptionSpec("--demo", help: "without a model, answer with a canned demo backend (to try the interface)"),
        LoadedLanguageModel.chatTemplateOption,
        ImageLoading.checkpointsOption,
        ImageLoading.datasetOption,
    ] + SamplingOptions.options

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])' (commands: run, tokenize, info, pull, bench)") }
        let modelOptions = ModelOptions(contextLength: try args.int("-c", default: 2048, range: 1 ... 1 << 20),
                                        threads: try args.int("-t", default: ModelOptions().threads, range: 1 ... 256))
        var options = AppOptions()
        options.themeName = args.string("--theme")
        options.systemPrompt = args.string("--system") ?? ""
        options.sampler = try SamplingOptions.settings(args)
        options.demo = args.flag("--demo")
        options.checkpoints = args.string("--checkpoints")
        options.datasetDirectory = ImageLoading.datasetDirectory(args, environment: options.environment)
        let chatTemplate = try LoadedLanguageModel.chatTemplate(args)
        ModelPuller.removeAbandonedStaging()
        if let name = args.string("-m") {
            let path = try modelPath(name)
            options.model = try EngineModelLibrary.open(path: path, name: ModelCatalog.named(name)?.name ?? URL(fileURLWithPath: path).lastPathComponent,
                                                        options: modelOptions, chatTemplate: chatTemplate)
            options.library = EngineModelLibrary(options: modelOptions, extraPath: ModelCatalog.named(name) == nil ? path : nil,
                                                 chatTemplate: chatTemplate)
        } else {
            let library = EngineModelLibrary(options: modelOptions, chatTemplate: chatTemplate)
            options.library = library
            if !options.demo, let entry = library.availableModels().first(where: { $0.id == ModelCatalog.defaultChatModel }) {
                if entry.isCached {
                    options.startupModel = entry
                } else {
                    options.startupOffer = entry
                }
            }
        }
        return runApp(options)
    }
}
