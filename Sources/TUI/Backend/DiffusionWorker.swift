import Engine

/// The Diffusion tab's models: the UNet, the reverse run the screen steps through, the lanes of
/// a grid run, and the clean images of the forward process. Used only on the image queue.
final class DiffusionWorker: @unchecked Sendable {
    let unet: UNet
    let info: DiffusionInfo
    private var stream: DenoiseStream?
    private var lanes: [DenoiseStream] = []

    init(unet: UNet) {
        self.unet = unet
        let c = unet.config
        info = DiffusionInfo(name: c.image.name, size: c.image.size, classNames: c.image.classNames,
                             betas: c.betas,
                             defaultSteps: c.defaultSteps, defaultGuidance: c.defaultGuidance)
    }

    /// Continues the run from its step `keep` with `settings` (`DenoiseStream.update` decides
    /// what a change keeps), or starts one.
    func start(_ settings: DenoiseStream.Settings, keep: Int) throws {
        if let stream {
            try stream.update(settings, restartFrom: keep)
        } else {
            stream = try DenoiseStream(model: unet, settings: settings)
        }
    }

    func next() throws -> DiffusionFrame? {
        try stream?.next()
    }

    func startGrid(_ settings: DenoiseStream.Settings, lanes: [DiffusionLane]) throws {
        self.lanes = try lanes.map { lane in
            var laneSettings = settings
            (laneSettings.label, laneSettings.seed, laneSettings.count) = (lane.label, lane.seed, 1)
            return try DenoiseStream(model: unet, settings: laneSettings)
        }
    }

    /// The next step of every lane; nil when the grid run is finished.
    func nextGridStep() throws -> DiffusionGridFrame? {
        var steps: [DenoiseStream.Step] = []
        for lane in lanes {
            guard let step = try lane.next() else { return nil }
            steps.append(step)
        }
        guard let first = steps.first else { return nil }
        return DiffusionGridFrame(index: first.index, t: first.t, alphaBar: first.alphaBar, x: steps.map(\.x), x0: steps.map(\.x0))
    }

    /// Test image `index` in [−1, 1]; without the test set, a 20-step DDIM sample of class
    /// index mod 10 with seed `index`.
    func forwardSource(index: Int, testSet: FashionMNIST?) throws -> ForwardSource {
        let image = unet.config.image
        if let testSet, testSet.count > 0 {
            let i = (index % testSet.count + testSet.count) % testSet.count
            return ForwardSource(index: i, label: testSet.labels[i], image: testSet.unitImage(i).map(image.networkValue))
        }
        let label = image.classNames.isEmpty ? nil : abs(index) % image.classNames.count
        let settings = DenoiseStream.Settings(method: .ddim, steps: 20, guidance: unet.config.defaultGuidance, label: label,
                                              seed: UInt64(abs(index)))
        return ForwardSource(index: nil, label: label, image: try DenoiseStream(model: unet, settings: settings).finish())
    }
}
