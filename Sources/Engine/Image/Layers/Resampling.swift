/// Nearest-neighbour ×2 upsampling: out[c, y, x] = in[c, ⌊y/2⌋, ⌊x/2⌋].
func upsampleNearest2x(_ x: FeatureMap, into y: FeatureMap) {
    precondition(y.channels == x.channels && y.batch == x.batch && y.height == 2 * x.height && y.width == 2 * x.width)
    let rows = x.channels * x.batch * x.height, w = x.width
    for r in 0 ..< rows {
        let src = x.data + r * w, top = y.data + 2 * r * y.width, bottom = top + y.width
        for i in 0 ..< w {
            let v = src[i]
            top[2 * i] = v
            top[2 * i + 1] = v
        }
        bottom.update(from: top, count: y.width)
    }
}
