import Testing
@testable import Render

@Suite struct RGBTests {
    @Test func parsesHex() {
        #expect(RGB(hex: "#1e1e2e") == RGB(0x1E, 0x1E, 0x2E))
        #expect(RGB(hex: "ff8000") == RGB(255, 128, 0))
        #expect(RGB(hex: "#12345") == nil)
        #expect(RGB(hex: "#gg0000") == nil)
        #expect(RGB(0x1E, 0x1E, 0x2E).description == "#1e1e2e")
    }

    @Test func nearestXterm256() {
        #expect(RGB(255, 0, 0).nearestXterm256 == 196)
        #expect(RGB(0, 0, 0).nearestXterm256 == 16)
        #expect(RGB(255, 255, 255).nearestXterm256 == 231)
        #expect(RGB(128, 128, 128).nearestXterm256 == 244)  // a grey, from the grey ramp
        #expect(RGB(95, 135, 175).nearestXterm256 == 67)    // exactly a cube colour
    }

    @Test func xterm256RoundTripsOnCubeAndGreys() {
        for index in 16...255 {
            #expect(RGB.xterm256(index).nearestXterm256 == index)
        }
    }

    @Test func nearestANSI8() {
        #expect(RGB(200, 30, 30).nearestANSI8 == 1)
        #expect(RGB(20, 20, 20).nearestANSI8 == 0)
        #expect(RGB(240, 240, 240).nearestANSI8 == 7)
        #expect(RGB(40, 60, 200).nearestANSI8 == 4)
    }

    @Test func mixing() {
        #expect(RGB(0, 0, 0).mixed(with: RGB(255, 255, 255), 0.5) == RGB(128, 128, 128))
        #expect(RGB(10, 20, 30).mixed(with: RGB(0, 0, 0), 0) == RGB(10, 20, 30))
    }
}

extension RGBTests {
    @Test func themeColoursKeepTheirMeaningInEightColours() {
        #expect(RGB(hex: "#89b4fa")!.nearestANSI8 == 4)  // blue accent
        #expect(RGB(hex: "#a6e3a1")!.nearestANSI8 == 2)  // green
        #expect(RGB(hex: "#f9e2af")!.nearestANSI8 == 3)  // yellow
        #expect(RGB(hex: "#f38ba8")!.nearestANSI8 == 1)  // red-pink
        #expect(RGB(hex: "#45475a")!.nearestANSI8 == 0)  // dark grey
        #expect(RGB(hex: "#cdd6f4")!.nearestANSI8 == 7)  // light grey text
    }
}
