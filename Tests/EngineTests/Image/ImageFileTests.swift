import CZlib
import Foundation
import Testing
@testable import Engine

/// PNG and PGM files decode back to the pixels written; grids and the dataset reader.
@Suite struct ImageFileTests {
    static let image = GrayImage(width: 5, height: 3, pixels: (0 ..< 15).map { UInt8($0 * 17) })

    /// A PNG reader just big enough for our own files: checks every chunk's CRC, inflates IDAT.
    static func decodePNG(_ bytes: [UInt8]) throws -> GrayImage {
        #expect(Array(bytes[0 ..< 8]) == PNGEncoder.signature)
        func word(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var offset = 8, width = 0, height = 0, idat: [UInt8] = [], types: [String] = []
        while offset < bytes.count {
            let length = word(offset), type = String(decoding: bytes[offset + 4 ..< offset + 8], as: UTF8.self)
            let body = Array(bytes[offset + 4 ..< offset + 8 + length])
            let crc = body.withUnsafeBufferPointer { Int(crc32(0, $0.baseAddress, uInt($0.count))) }
            #expect(crc == word(offset + 8 + length), "CRC of \(type)")
            let data = Array(body[4...])
            types.append(type)
            if type == "IHDR" {
                width = word(offset + 8)
                height = word(offset + 12)
                #expect(Array(data[8...]) == [8, 0, 0, 0, 0])
            }
            if type == "IDAT" { idat += data }
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        var raw = [UInt8](repeating: 0, count: (width + 1) * height)
        var size = uLong(raw.count)
        #expect(uncompress(&raw, &size, idat, uLong(idat.count)) == Z_OK && Int(size) == raw.count)
        var pixels: [UInt8] = []
        for y in 0 ..< height {
            #expect(raw[y * (width + 1)] == 0) // filter "none"
            pixels += raw[y * (width + 1) + 1 ..< (y + 1) * (width + 1)]
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    @Test func pngRoundTrips() throws {
        #expect(try Self.decodePNG(ImageFileFormat.png.encode(Self.image)) == Self.image)
        let big = GrayImage(width: 300, height: 200, pixels: (0 ..< 60_000).map { UInt8(truncatingIfNeeded: $0 * 31 / 7) })
        #expect(try Self.decodePNG(PNGEncoder.encode(big)) == big)
    }

    @Test func pgmRoundTrips() {
        let bytes = ImageFileFormat.pgm.encode(Self.image)
        let header = Array("P5\n5 3\n255\n".utf8)
        #expect(Array(bytes[0 ..< header.count]) == header)
        #expect(Array(bytes[header.count...]) == Self.image.pixels)
    }

    @Test func gridsAndScaling() {
        let grid = GrayImage.grid([Self.image, Self.image, Self.image], columns: 2, padding: 1, background: 9)
        #expect(grid.width == 2 * 6 + 1 && grid.height == 2 * 4 + 1)
        #expect(grid.pixels[0] == 9)
        #expect(grid.pixels[1 * grid.width + 1] == 0 && grid.pixels[1 * grid.width + 7] == 0)
        #expect(grid.pixels[3 * grid.width + 5] == 14 * 17) // last pixel of the first image
        #expect(grid.pixels[5 * grid.width + 7] == 9) // the empty fourth slot
        let twice = Self.image.scaled(by: 2)
        #expect(twice.width == 10 && twice.pixels[0 ..< 4] == [0, 0, 17, 17] && twice.pixels[10] == 0)
        #expect(GrayImage(unit: [-1, 0.5, 2] as [Float], width: 3, height: 1).pixels == [0, 128, 255])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory), "dataset-fashion-mnist not installed"))
    func fashionMNISTTestSplitReads() throws {
        let test = try FashionMNIST(.test)
        #expect(test.count == 10_000 && test.size == 28 && test.labels.count == 10_000)
        #expect(Array(test.labels.prefix(2)) == [9, 2])
        // The first test image matches the classifier fixture's input.
        let fixture = try ImageFixtures.fixture("classifier-fixture.gguf")
        #expect(ImageFixtures.maxAbs(test.unitImage(0), Array(try ImageFixtures.tensor(fixture, "input.x")[0 ..< 784])) < 1e-6)
        #expect(throws: FashionMNIST.Failure.unreadable("/nonexistent/t10k-images-idx3-ubyte.gz")) { try FashionMNIST(.test, directory: "/nonexistent") }
    }

    /// `--dataset` wins over `$GENPLAY_TEST_SET`, which wins over the Debian package's folder.
    @Test func testSetFolderResolution() {
        let environment = ["GENPLAY_TEST_SET": "/from/env"]
        #expect(FashionMNIST.directory(flag: "/from/flag", environment: environment) == "/from/flag")
        #expect(FashionMNIST.directory(flag: nil, environment: environment) == "/from/env")
        #expect(FashionMNIST.directory(flag: nil, environment: [:]) == FashionMNIST.defaultDirectory)
        #expect(FashionMNIST.directory(flag: nil, environment: ["GENPLAY_TEST_SET": ""]) == FashionMNIST.defaultDirectory)
    }
}
