import Foundation
import Testing
@testable import Engine

/// The UNet against PyTorch (float64 reference over the same F16 weights).
@Suite struct UNetParityTests {
    @Test func noisePredictionAndIntermediatesMatchPyTorch() throws {
        let fixture = try ImageFixtures.fixture("unet-fixture.gguf")
        let unet = try UNet(file: ImageFixtures.source(of: fixture))
        let x = try ImageFixtures.tensor(fixture, "input.x")
        let t = try ImageFixtures.integers(fixture, "input.t"), y = try ImageFixtures.integers(fixture, "input.class")
        var seen: [String: [Float]] = [:]
        var eps = [Float](repeating: 0, count: x.count)
        try x.withUnsafeBufferPointer { xb in
            try eps.withUnsafeMutableBufferPointer { out in
                try unet.predictNoise(xb.baseAddress!, timesteps: t, classes: y, into: out.baseAddress!) { name, map in
                    // Row 0 for feature maps; every row for the embedding vectors.
                    seen[name] = map.height == 1 ? (0 ..< map.batch).flatMap { map.image($0) } : map.image(0)
                }
            }
        }
        try ImageFixtures.expectClose(eps, fixture, "output.eps")
        let inter = fixture.tensors.map(\.name).filter { $0.hasPrefix("inter.") }
        #expect(inter.count == 16)
        for name in inter {
            let key = String(name.dropFirst("inter.".count))
            guard let values = seen[key] else { Issue.record("no probe named \(key)"); continue }
            try ImageFixtures.expectClose(values, fixture, name)
        }
        let pixels = unet.config.image.pixelCount
        let guided = (0 ..< pixels).map { eps[pixels + $0] + 3 * (eps[$0] - eps[pixels + $0]) }
        try ImageFixtures.expectClose(guided, fixture, "output.guided_eps")
    }
}
