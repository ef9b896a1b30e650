/// Hyper-parameters of a `ddpm-unet` checkpoint, all from its metadata.
public struct UNetConfig: Sendable {
    public let image: ImageModelInfo
    /// Channels per level (level l works at size / 2^l).
    public let channels: [Int]
    public let resBlocks: Int
    public let attentionLevels: Set<Int>
    public let groups: Int
    public let epsilon: Float
    public let sinusoidalDimension: Int
    public let embeddingDimension: Int
    public let classCount: Int
    /// The class index meaning "no class" (classifier-free guidance).
    public let nullClass: Int
    public let betas: [Float]
    public let defaultGuidance: Float
    public let defaultSteps: Int

    public init(file: GGUFFile) throws {
        typealias K = GGUFKey.UNet
        image = try ImageModelInfo(file, expecting: K.architecture)
        channels = try file.requireIntArray(K.channels)
        resBlocks = try file.requireInt(K.resBlocks)
        attentionLevels = Set(try file.intArray(K.attentionLevels) ?? [])
        groups = try file.requireInt(K.groups)
        epsilon = try file.float(K.groupNormEpsilon) ?? 1e-5
        sinusoidalDimension = try file.requireInt(K.sinusoidalDimension)
        embeddingDimension = try file.requireInt(K.embeddingDimension)
        classCount = try file.requireInt(K.classCount)
        nullClass = try file.int(K.nullClass) ?? classCount
        betas = try file.requireFloatArray(K.betas)
        defaultGuidance = try file.float(K.defaultGuidance) ?? 3
        defaultSteps = try file.int(K.defaultSteps) ?? 50
        let heads = try file.int(K.attentionHeads) ?? 1
        let prediction = try file.string(K.prediction) ?? "epsilon"
        let trainSteps = try file.int(K.trainTimesteps) ?? betas.count
        func check(_ ok: Bool, _ key: String, _ value: Any) throws {
            if !ok { throw ModelError.badHyperparameter(key: key, value: "\(value)") }
        }
        try check(!channels.isEmpty && channels.allSatisfy { $0 > 0 && $0 % groups == 0 }, K.channels, channels)
        try check(resBlocks > 0, K.resBlocks, resBlocks)
        try check(attentionLevels.allSatisfy { channels.indices.contains($0) }, K.attentionLevels, attentionLevels.sorted())
        try check(heads == 1, K.attentionHeads, heads)
        try check(prediction == "epsilon", K.prediction, prediction)
        try check(sinusoidalDimension > 0 && sinusoidalDimension % 2 == 0, K.sinusoidalDimension, sinusoidalDimension)
        try check(trainSteps == betas.count && !betas.isEmpty, K.trainTimesteps, trainSteps)
        try check(nullClass >= 0 && nullClass <= classCount, K.nullClass, nullClass)
    }

    /// Number of training timesteps (T).
    public var trainTimesteps: Int { betas.count }
    var levels: Int { channels.count }
}
