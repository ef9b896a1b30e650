import Foundation
import Testing
@testable import Engine

/// The evaluation classifier and the Fréchet distance against PyTorch / SciPy.
@Suite struct ClassifierParityTests {
    @Test func logitsAndFeaturesMatchPyTorch() throws {
        let fixture = try ImageFixtures.fixture("classifier-fixture.gguf")
        let classifier = try ImageClassifier(file: ImageFixtures.source(of: fixture))
        let result = classifier.classify(try ImageFixtures.tensor(fixture, "input.x"))
        try ImageFixtures.expectClose(result.logits, fixture, "output.logits")
        try ImageFixtures.expectClose(result.features, fixture, "output.features")
        // Test images 0 and 1 are an ankle boot and a pullover.
        #expect([result.predictedClass(0), result.predictedClass(1)] == [9, 2] as [Int])
    }

    @Test func frechetDistanceMatchesTheReference() throws {
        let fixture = try ImageFixtures.fixture("classifier-fixture.gguf")
        let classifier = try ImageClassifier(file: ImageFixtures.source(of: fixture))
        let features = try ImageFixtures.tensor(fixture, "input.fd_features")
        let fd = FrechetStatistics(features: features, dimension: 64).frechetDistance(to: classifier.testStatistics)
        let expected = Double(try fixture.requireFloat("fixture.frechet_distance"))
        print("parity classifier-fixture.gguf fixture.frechet_distance: \(fd) vs \(expected)")
        #expect(abs(fd - expected) < 1e-3 * expected)
        #expect(abs(FrechetStatistics(features: features, dimension: 64).frechetDistance(
            to: FrechetStatistics(features: features, dimension: 64))) < 1e-6)
        #expect(classifier.referenceDistances[1000] != nil)
    }

    @Test func jacobiEigenDecomposes() {
        // A = Q diag(3, 1, -2, 0.5) Qᵀ for a rotation Q: eigenvalues come back, V Λ Vᵀ = A.
        let a: [Double] = [2, -1, 0, 0.5, -1, 2, -1, 0, 0, -1, 2, -1, 0.5, 0, -1, 2]
        let e = SymmetricEigen(a, n: 4)
        let back = e.compose { $0 }
        #expect(zip(a, back).allSatisfy { abs($0 - $1) < 1e-12 })
        // Vᵀ V = I
        for i in 0 ..< 4 {
            for j in 0 ..< 4 {
                let dot = (0 ..< 4).reduce(0.0) { $0 + e.vectors[$1 * 4 + i] * e.vectors[$1 * 4 + j] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
            }
        }
        #expect(abs(e.values.reduce(0, +) - 8) < 1e-12) // the trace
        let root = SymmetricEigen([4, 0, 0, 9], n: 2).compose { $0.squareRoot() }
        #expect(root == [2, 0, 0, 3])
    }

    @Test func inceptionScoreAndDiversityOnHandMadeOutputs() {
        // Two confident, different classes: IS = 2. Two identical images: IS = 1, diversity 0.
        let big: Float = 40
        let sure = Classification(count: 2, classCount: 2, logits: [big, 0, 0, big], features: [0, 0, 3, 4])
        #expect(abs(SampleMetrics.inceptionScore(sure) - 2) < 1e-9)
        let same = Classification(count: 2, classCount: 2, logits: [1, 0, 1, 0], features: [1, 1, 1, 1])
        #expect(abs(SampleMetrics.inceptionScore(same) - 1) < 1e-12)
        #expect(SampleMetrics.diversity(same, labels: [0, 0]) == [0, nil] as [Double?])
        #expect(SampleMetrics.diversity(sure, labels: [1, 1]) == [nil, 5] as [Double?])
        let accuracy = SampleMetrics.accuracy(sure, labels: [0, 0])
        #expect(accuracy.overall == 0.5)
        #expect(accuracy.perClass == [0.5, nil] as [Double?])
    }
}

/// `general.architecture` picks the loader; wrong or broken files are typed errors.
@Suite struct ImageModelRegistryTests {
    @Test func everyCheckpointLoadsByArchitecture() throws {
        for name in [ImageCheckpoints.diffusion, ImageCheckpoints.vae2D, ImageCheckpoints.vae16D, ImageCheckpoints.classifier] {
            let model = try ImageModelRegistry.load(ImageFixtures.checkpoint(name))
            #expect(model.info.size == 28 && model.info.classNames.count == 10, "\(name)")
        }
        #expect(ImageModelRegistry.architectures == ["cgan", "classifier", "ddpm-unet", "vae"])
    }

    @Test func mismatchesAreNamed() throws {
        let vaeFile = try ImageFixtures.checkpoint(ImageCheckpoints.vae2D)
        #expect(throws: ImageModelError.wrongArchitecture(expected: "ddpm-unet", found: "vae")) { try UNet(file: vaeFile) }
        #expect(throws: ImageModelError.unsupportedArchitecture("fixture")) {
            try ImageModelRegistry.load(ImageFixtures.fixture("vae2-fixture.gguf"))
        }
        #expect(throws: ImageCheckpoints.NotFound.self) { try ImageCheckpoints.path("nothing.gguf", directory: "/nonexistent") }
    }

    /// A copy of a checkpoint with one tensor dropped or reshaped: the loader names it.
    @Test func missingAndMisshapenTensorsAreNamed() throws {
        let source = try ImageFixtures.checkpoint(ImageCheckpoints.vae2D)
        func copy(editing name: String, shape: [Int]?) throws -> GGUFFile {
            var writer = GGUFWriter()
            writer.metadata = source.metadata
            for info in source.tensors where info.name != name || shape != nil {
                let data = Array(source.data(of: info))
                writer.tensors.append(.init(name: info.name, type: info.type, shape: info.name == name ? shape! : info.shape, data: data))
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("vae-edit-\(UUID().uuidString).gguf").path
            try writer.write(to: path)
            defer { try? FileManager.default.removeItem(atPath: path) }
            return try GGUFFile(path: path)
        }
        #expect(throws: ModelError.missingTensor("dec.conv_out.weight")) {
            try VAE(file: copy(editing: "dec.conv_out.weight", shape: nil))
        }
        #expect(throws: ModelError.shapeMismatch(tensor: "enc.mu.weight", expected: [2, 256], found: [4, 128])) {
            try VAE(file: copy(editing: "enc.mu.weight", shape: [128, 4]))
        }
    }
}
