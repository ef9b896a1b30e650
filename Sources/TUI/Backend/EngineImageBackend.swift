import Dispatch
import Engine
import Foundation

/// The image tabs on the real checkpoints (`Checkpoints/*.gguf`). Every model lives on one
/// serial queue and is loaded the first time its tab asks. A diffusion run goes one step per
/// queue item, so the other tabs' requests get in between its steps, and a run that a newer
/// request of its channel superseded stops at its next step.
public final class EngineImageBackend: ImageBackend, @unchecked Sendable {
    private let queue = DispatchQueue(label: "genplay.images", qos: .userInitiated)
    private let lock = NSLock()
    private var latest: [ImageChannel: Int] = [:]
    private let checkpoints: String?
    private let datasetDirectory: String
    private let threads: Int
    // Touched only on `queue`.
    private var diffusion: Result<DiffusionWorker, LoadFailure>?
    private var gan: Result<GANWorker, LoadFailure>?
    private var vae: Result<VAEWorker, LoadFailure>?
    private var testSetLoaded = false
    private var testSet: FashionMNIST?

    /// `checkpoints`: the folder with the image checkpoints (nil: `ImageCheckpoints.searchPath`).
    public init(checkpoints: String? = nil, datasetDirectory: String = FashionMNIST.defaultDirectory, threads: Int = 2) {
        self.checkpoints = checkpoints
        self.datasetDirectory = datasetDirectory
        self.threads = threads
    }

    public func perform(_ request: ImageRequest, emit: @escaping @Sendable (ImageEvent) -> Void) {
        let channel = request.job.channel
        lock.withLock { latest[channel] = request.id }
        queue.async { [self] in
            guard isLatest(request.id, channel) else { return }
            do { try run(request, emit: emit) } catch { emit(.failed("\(error)")) }
        }
    }

    private func isLatest(_ id: Int, _ channel: ImageChannel) -> Bool { lock.withLock { latest[channel] == id } }

    private func run(_ request: ImageRequest, emit: @escaping @Sendable (ImageEvent) -> Void) throws {
        switch request.job {
        case .prepare(let kind):
            switch kind {
            case .diffusion: emit(diffusionWorker().map { .ready(.diffusion($0.info)) }.unavailable(kind))
            case .gan: emit(ganWorker().map { .ready(.gan($0.info)) }.unavailable(kind))
            case .vae: emit(vaeWorker().map { .ready(.vae($0.info)) }.unavailable(kind))
            }
        case .denoise(let settings, let keep):
            let worker = try diffusionWorker().get()
            try worker.start(settings, keep: keep)
            repeatSteps(request, emit: emit) { try worker.next().map(ImageEvent.diffusionStep) }
        case .denoiseGrid(let settings, let lanes):
            let worker = try diffusionWorker().get()
            try worker.startGrid(settings, lanes: lanes)
            repeatSteps(request, emit: emit) { try worker.nextGridStep().map(ImageEvent.gridStep) }
        case .forwardSource(let index):
            emit(.forwardSource(try diffusionWorker().get().forwardSource(index: index, testSet: loadTestSet())))
        case .ganSamples(let settings):
            emit(.ganSamples(try ganWorker().get().samples(settings)))
        case .ganInterpolation(let a, let b, let steps):
            emit(.ganInterpolation(try ganWorker().get().interpolation(from: a, to: b, steps: steps)))
        case .vaeDecode(let point):
            emit(.vaeDecoded(try vaeWorker().get().decode(point)))
        case .vaeScatter:
            emit(.vaeScatter(try vaeWorker().get().scatter()))
        case .vaeReconstruction(let index):
            let worker = try vaeWorker().get()
            guard let result = worker.reconstruction(index: index) else { throw LoadFailure(worker.info.reconstructionProblem ?? "") }
            emit(.vaeReconstruction(result))
        case .vaeInterpolation(let from, let to, let steps):
            let worker = try vaeWorker().get()
            guard let result = worker.interpolation(from: from, to: to, steps: steps) else { throw LoadFailure(worker.info.reconstructionProblem ?? "") }
            emit(.vaeInterpolation(result))
        }
    }

    /// Emits what `next` returns, one queue item at a time, until it returns nil or a newer
    /// request of the channel arrives.
    private func repeatSteps(_ request: ImageRequest, emit: @escaping @Sendable (ImageEvent) -> Void,
                             _ next: @escaping @Sendable () throws -> ImageEvent?) {
        queue.async { [self] in
            guard isLatest(request.id, request.job.channel) else { return }
            do {
                guard let event = try next() else { return }
                emit(event)
                repeatSteps(request, emit: emit, next)
            } catch {
                emit(.failed("\(error)"))
            }
        }
    }

    // MARK: Loading, on the queue

    private func load(_ file: String) throws -> GGUFFile {
        try GGUFFile(path: ImageCheckpoints.path(file, directory: checkpoints))
    }

    private func loadTestSet() -> FashionMNIST? {
        if !testSetLoaded {
            testSetLoaded = true
            testSet = try? FashionMNIST(.test, directory: datasetDirectory)
        }
        return testSet
    }

    private func diffusionWorker() -> Result<DiffusionWorker, LoadFailure> {
        if let diffusion { return diffusion }
        let result = LoadFailure.catching { DiffusionWorker(unet: try UNet(file: try load(ImageCheckpoints.diffusion), threads: threads)) }
        diffusion = result
        return result
    }

    private func ganWorker() -> Result<GANWorker, LoadFailure> {
        if let gan { return gan }
        let result = LoadFailure.catching { GANWorker(gan: try ConditionalGAN(file: try load(ImageCheckpoints.gan), threads: threads)) }
        gan = result
        return result
    }

    private func vaeWorker() -> Result<VAEWorker, LoadFailure> {
        if let vae { return vae }
        let result = LoadFailure.catching {
            let map = try VAE(file: try load(ImageCheckpoints.vae2D), threads: threads)
            let detail = LoadFailure.catching { try VAE(file: try load(ImageCheckpoints.vae16D), threads: threads) }
            return VAEWorker(map: map, detail: try? detail.get(), detailProblem: detail.failure?.message, testSet: loadTestSet())
        }
        vae = result
        return result
    }
}

/// Why a model did not load, as the tab shows it.
struct LoadFailure: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }

    static func catching<T>(_ body: () throws -> T) -> Result<T, LoadFailure> {
        do { return .success(try body()) } catch { return .failure(LoadFailure("\(error)")) }
    }
}

extension Result where Failure == LoadFailure {
    var failure: LoadFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension Result where Success == ImageEvent, Failure == LoadFailure {
    func unavailable(_ kind: ImageModelKind) -> ImageEvent {
        switch self {
        case .success(let event): event
        case .failure(let failure): .unavailable(kind, failure.message)
        }
    }
}
