import Foundation

/// How pixels become characters.
public enum PixelMode: String, CaseIterable, Sendable {
    /// `▀` with the upper pixel as foreground and the lower as background: 1 × 2 pixels a cell.
    case halfBlocks
    /// Braille dots, on or off after dithering: 2 × 4 pixels a cell.
    case braille
    /// Characters of an `AsciiRamp`, denser for brighter: 1 × 2 pixels a cell (their mean).
    case ascii
    /// Half-blocks in the 16 ANSI colours (4 greys for grey images), dithered.
    case color16

    /// The modes that draw without colour, for a monochrome theme.
    public static let monochrome: [PixelMode] = [.ascii, .braille]

    /// Pixels across and down that one cell shows. A cell is about twice as tall as wide, so
    /// each mode's pixels come out about square.
    public var pixelsPerCell: Size {
        switch self {
        case .halfBlocks, .ascii, .color16: return Size(width: 1, height: 2)
        case .braille: return Size(width: 2, height: 4)
        }
    }
}

/// How levels between the few that a mode can show are approximated.
public enum Dither: String, CaseIterable, Sendable {
    /// Each pixel takes the nearest level: flat areas, visible banding.
    case none
    /// A 4 × 4 Bayer threshold pattern: a regular texture that does not crawl between frames.
    case ordered
    /// Floyd–Steinberg error diffusion: the finest detail, an irregular texture.
    case floydSteinberg
}

/// Everything about drawing a `PixelImage` besides where.
public struct PixelStyle: Equatable, Sendable {
    public var mode: PixelMode
    /// Used by `.ascii`.
    public var ramp: AsciiRamp
    /// Used by `.braille` and `.color16`; the other modes show enough levels without it.
    public var dither: Dither
    /// Stretch around mid-grey (or around 0 for a diverging palette); 1 leaves levels alone.
    public var contrast: Float
    /// Over 1 brightens the mid-tones (level^(1/gamma)); 1 leaves levels alone.
    public var gamma: Float
    public var palette: PixelPalette
    /// No colour at all (`NO_COLOR`, the mono theme): grey pictures in the text's own colours
    /// (the colour modes as ASCII), signed ones as the `AsciiRamp.signed` ramp whatever the mode.
    public var monochrome: Bool

    public init(mode: PixelMode = .halfBlocks, ramp: AsciiRamp = .standard, dither: Dither = .floydSteinberg,
                contrast: Float = 1, gamma: Float = 1, palette: PixelPalette = .gray, monochrome: Bool = false) {
        self.mode = mode
        self.ramp = ramp
        self.dither = dither
        self.contrast = contrast
        self.gamma = gamma
        self.palette = palette
        self.monochrome = monochrome
    }

    /// A unit level (see `PixelPalette.level(_:)`) after contrast and gamma, still in 0...1.
    /// For a diverging palette both act on the distance from the neutral middle, so they keep
    /// the sign of a value.
    func toned(_ level: Float) -> Float {
        let contrast = contrast.isFinite ? contrast : 1
        let gamma = gamma.isFinite && gamma > 0 ? gamma : 1
        guard contrast != 1 || gamma != 1 else { return level }
        let stretched = min(max((level - 0.5) * contrast + 0.5, 0), 1)
        guard gamma != 1 else { return stretched }
        switch palette {
        case .gray:
            return powf(stretched, 1 / gamma)
        case .diverging:
            let signed = 2 * stretched - 1
            let curved = powf(abs(signed), 1 / gamma)
            return (1 + (signed < 0 ? -curved : curved)) / 2
        }
    }
}
