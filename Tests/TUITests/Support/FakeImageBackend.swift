import Engine
@testable import TUI

/// A deterministic image backend: answers each request at once, on the caller's thread, with
/// 28 × 28 pictures whose values say what they are (a step's index, a latent point), so that
/// screen tests can tell which answer they see.
final class FakeImageBackend: ImageBackend, @unchecked Sendable {
    static let classNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    static let size = 28
    static let pixels = size * size
    /// DDPM's linear schedule, 1e-4 to 0.02 over 1000 steps.
    static let betas = (0 ..< 1000).map { Float(1e-4) + (Float(0.02) - Float(1e-4)) * Float($0) / 999 }
    static let diffusion = DiffusionInfo(name: "ddpm-test", size: size, classNames: classNames, betas: betas,
                                         defaultSteps: 50, defaultGuidance: 3)
    static let gan = GANInfo(name: "gan-test", size: size, classNames: classNames, latentDimension: 2)
    static let vae = VAEInfo(name: "vae-test", size: size, classNames: classNames, low: LatentPoint(x: -2, y: -2),
                             high: LatentPoint(x: 2, y: 2), testImages: 100, reconstructionProblem: nil)

    private(set) var requests: [ImageRequest] = []

    func perform(_ request: ImageRequest, emit: @escaping @Sendable (ImageEvent) -> Void) {
        requests.append(request)
        for event in Self.events(for: request.job) { emit(event) }
    }

    /// Everything a request gets, in order.
    static func events(for job: ImageJob) -> [ImageEvent] {
        switch job {
        case .prepare(.diffusion): [.ready(.diffusion(diffusion))]
        case .prepare(.gan): [.ready(.gan(gan))]
        case .prepare(.vae): [.ready(.vae(vae))]
        case .denoise(let settings, let keep): (keep ..< settings.steps).map { .diffusionStep(frame($0, settings)) }
        case .denoiseGrid(let settings, let lanes):
            (0 ..< settings.steps).map { index in
                let frame = frame(index, settings)
                return .gridStep(DiffusionGridFrame(index: index, t: frame.t, alphaBar: frame.alphaBar,
                                                    x: lanes.map { _ in frame.x }, x0: lanes.map { _ in frame.x0 }))
            }
        case .forwardSource(let index): [.forwardSource(ForwardSource(index: index, label: index % 10, image: filled(0.5)))]
        case .ganSamples(let settings):
            [.ganSamples((0 ..< settings.count).map { i in
                GANSample(latent: [Float(i), Float(settings.seed)], label: settings.label ?? i % 10, image: filled(Float(i) / 8 - 1),
                          score: Float(i) / 4 - 1)
            })]
        case .ganInterpolation(let a, let b, let steps):
            [.ganInterpolation(GANInterpolation(labels: (0 ..< steps).map { 2 * $0 < steps ? a.label : b.label },
                                                images: (0 ..< steps).map { filled(Float($0) / Float(steps)) },
                                                scores: (0 ..< steps).map { Float($0) / 10 }))]
        case .vaeDecode(let point): [.vaeDecoded(VAEDecode(point: point, image: filled((point.x + 2) / 4)))]
        case .vaeScatter:
            [.vaeScatter(VAEScatter(points: (0 ..< 100).map { i in
                VAEScatter.Point(LatentPoint(x: Float(i % 10) / 3 - 1.5, y: Float(i / 10) / 3 - 1.5), label: i % 10)
            }, fromTestSet: true))]
        case .vaeReconstruction(let index):
            [.vaeReconstruction(VAEReconstruction(index: index, label: index % 10, input: filled(0.75), output: filled(0.5),
                                                  kl: 14.3, reconstruction: 221.6))]
        case .vaeInterpolation(let from, let to, let steps):
            [.vaeInterpolation(VAEInterpolation(from: from, to: to, images: (0 ..< steps).map { filled(Float($0) / Float(steps)) }))]
        }
    }

    /// Step `index` of a run: t from the schedule's trailing spacing, x = −1 + index/100.
    static func frame(_ index: Int, _ settings: DenoiseStream.Settings) -> DiffusionFrame {
        let schedule = NoiseSchedule(betas: betas), t = schedule.trailingTimesteps(settings.steps)[index]
        let x = Float(index) / 100 - 1
        return DiffusionFrame(index: index, t: t, alphaBar: schedule.alphaBar(t), x: filled(x), x0: filled(settings.guidance / 10),
                              eps: filled(Float(settings.seed)), next: filled(x + 0.01))
    }

    static func filled(_ value: Float) -> [Float] { [Float](repeating: value, count: pixels) }
}

extension AppModel {
    /// Delivers `events` for request `id` as the runtime would.
    @discardableResult
    mutating func deliver(_ events: [ImageEvent], to id: Int) -> [Effect] {
        events.flatMap { send(.image(ImageUpdate(requestID: id, event: $0))) }
    }

    /// Answers the image requests among `effects` with the fake backend's events, and the
    /// requests those answers lead to, until none is left; returns every effect seen.
    @discardableResult
    mutating func answer(_ effects: [Effect]) -> [Effect] {
        var seen: [Effect] = [], pending = effects
        while !pending.isEmpty {
            seen += pending
            pending = pending.imageRequests.flatMap { deliver(FakeImageBackend.events(for: $0.job), to: $0.id) }
        }
        return seen
    }

    /// A model on `tab` with its fake model ready and everything it asked for answered.
    static func onImageTab(_ tab: Tab, width: Int = 100, height: Int = 30) -> AppModel {
        var model = makeModel(width: width, height: height)
        let key: Character = tab == .diffusion ? "2" : tab == .gan ? "3" : "4"
        model.answer(model.press(.alt(key)))
        model.notice = nil
        return model
    }
}

extension Array where Element == Effect {
    var imageRequests: [ImageRequest] {
        compactMap { if case .image(let request) = $0 { request } else { nil } }
    }

    var exports: [ImageExport] {
        compactMap { if case .exportImages(let export) = $0 { export } else { nil } }
    }
}

extension ImageJob {
    /// A diffusion request's settings.
    var settings: DenoiseStream.Settings? {
        switch self {
        case .denoise(let settings, _), .denoiseGrid(let settings, _): settings
        default: nil
        }
    }
}
