/// A 24-bit colour, with the nearest colour on 256- and 8-colour terminals.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Parses `#rrggbb` (the `#` optional); nil when malformed.
    public init?(hex: some StringProtocol) {
        let digits = Substring(hex.hasPrefix("#") ? hex.dropFirst() : hex[...])
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }

    public var description: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// `0xRRGGBB`, the colour number of a direct-colour terminal.
    public var packed: Int { Int(red) << 16 | Int(green) << 8 | Int(blue) }

    /// Perceived brightness in 0...1 (Rec. 601 weights).
    public var luminance: Double {
        (0.299 * Double(red) + 0.587 * Double(green) + 0.114 * Double(blue)) / 255
    }

    /// Straight-line blend: `fraction` 0 gives self, 1 gives `other`.
    public func mixed(with other: RGB, _ fraction: Double) -> RGB {
        let t = min(max(fraction, 0), 1)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(mix(red, other.red), mix(green, other.green), mix(blue, other.blue))
    }

    func distanceSquared(to other: RGB) -> Int {
        // Weighted so that green differences count most, as the eye does ("redmean" lite).
        let dr = Int(red) - Int(other.red), dg = Int(green) - Int(other.green), db = Int(blue) - Int(other.blue)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    // MARK: 256 colours

    /// The xterm palette entry (16...255: the 6×6×6 cube and the 24 greys) closest to this colour.
    public var nearestXterm256: Int {
        func cubeLevel(_ c: UInt8) -> Int { c < 48 ? 0 : c < 115 ? 1 : (Int(c) - 35) / 40 }
        let r = cubeLevel(red), g = cubeLevel(green), b = cubeLevel(blue)
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let cubeColor = RGB.xterm256(cubeIndex)

        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyIndex = 232 + greyStep
        let greyColor = RGB.xterm256(greyIndex)

        return distanceSquared(to: greyColor) < distanceSquared(to: cubeColor) ? greyIndex : cubeIndex
    }

    /// The colour of xterm palette entry 16...255 (0...15 depend on the terminal; the
    /// conventional VGA values are returned for them).
    public static func xterm256(_ index: Int) -> RGB {
        switch index {
        case ..<16: return ansi16[max(index, 0)]
        case 16..<232:
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return RGB(levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let grey = UInt8(8 + 10 * (min(index, 255) - 232))
            return RGB(grey, grey, grey)
        }
    }

    // MARK: 8 colours

    /// The ANSI colour 0...7 (black, red, green, yellow, blue, magenta, cyan, white) that best
    /// keeps this colour's meaning: greys go to black or white by brightness, everything else
    /// to the nearest hue (distance in RGB would send dark greys to brown).
    public var nearestANSI8: Int {
        let high = max(red, green, blue), low = min(red, green, blue)
        let chroma = Double(high) - Double(low)
        if chroma < 48 { return luminance < 0.5 ? 0 : 7 }
        let r = Double(red), g = Double(green), b = Double(blue)
        var hue: Double
        switch high {
        case red: hue = 60 * ((g - b) / chroma)
        case green: hue = 60 * ((b - r) / chroma + 2)
        default: hue = 60 * ((r - g) / chroma + 4)
        }
        if hue < 0 { hue += 360 }
        // Hue sectors centred on red 0°, yellow 60°, green 120°, cyan 180°, blue 240°, magenta 300°.
        let byHue = [1, 3, 2, 6, 4, 5]
        return byHue[Int(((hue + 30) / 60).rounded(.down)) % 6]
    }

    static let ansi16: [RGB] = [
        RGB(0, 0, 0), RGB(170, 0, 0), RGB(0, 170, 0), RGB(170, 85, 0),
        RGB(0, 0, 170), RGB(170, 0, 170), RGB(0, 170, 170), RGB(170, 170, 170),
        RGB(85, 85, 85), RGB(255, 85, 85), RGB(85, 255, 85), RGB(255, 255, 85),
        RGB(85, 85, 255), RGB(255, 85, 255), RGB(85, 255, 255), RGB(255, 255, 255),
    ]
}
