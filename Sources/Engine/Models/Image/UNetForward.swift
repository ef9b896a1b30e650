extension UNet {
    /// One pass over the batch in `w.input`, leaving ε in `w.output`. Mirrors the forward pass
    /// of Checkpoints/README.md line by line; `probe` names follow the checkpoint's tensor names.
    func forward(_ w: UNetWorkspace, timesteps: [Int], classes: [Int], probe: ((String, FeatureMap) -> Void)?) {
        let c = config, batch = w.batch, ch = c.channels, blocks = c.resBlocks, top = ch.count - 1
        let dim = c.embeddingDimension, sd = c.sinusoidalDimension
        /// B rows of n values seen as a one-channel map, so a probe can read row b as image b.
        func rows(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> FeatureMap { FeatureMap(p, channels: 1, batch: batch, height: 1, width: n) }

        // emb = time_embed.2(silu(time_embed.0(sinusoidal(t)))) + class_embed[y];  e = silu(emb)  (B, dim)
        for b in 0 ..< batch { sinusoidalEmbedding(timesteps[b], dimension: sd, into: w.sinusoidal + b * sd) }
        probe?("sinusoidal", rows(w.sinusoidal, sd))
        timeEmbed0(w.sinusoidal, rows: batch, into: w.hidden, run)
        Activation.silu.apply(w.hidden, into: w.hidden, count: batch * dim)
        timeEmbed2(w.hidden, rows: batch, into: w.embedding, run)
        probe?("time_embed", rows(w.embedding, dim))
        for b in 0 ..< batch {
            let row = w.embedding + b * dim, label = classEmbed.row(classes[b])
            for (i, v) in zip(0 ..< dim, label) { row[i] += v }
        }
        probe?("emb", rows(w.embedding, dim))
        Activation.silu.apply(w.embedding, into: w.embedding, count: batch * dim)

        func res(_ block: ResBlock, _ x: FeatureMap, into out: FeatureMap, _ l: Int, _ name: String) {
            block(x, embedding: w.embedding, into: out, wide: w.wide[l], narrow: w.narrow[l], projected: w.projected, run)
            probe?(name, out)
        }
        func attend(_ a: SpatialAttention, _ x: FeatureMap, into y: FeatureMap, _ l: Int, _ name: String) {
            a(x, into: y, normed: w.wide[l].channels(0 ..< ch[l]), qkvOut: w.narrow[l].channels(0 ..< 3 * ch[l]),
              attended: w.wide[l].channels(0 ..< ch[l]), run)
            probe?(name, y)
        }

        // Down: each block's output is a skip, kept in the upper half of the up path's concat input.
        var h = w.p[0].channels(0 ..< ch[0])
        convIn(w.input, into: h, run)
        probe?("conv_in", h)
        for l in ch.indices {
            for j in 0 ..< blocks {
                let skip = w.concat[l][j].channels(ch[l] ..< 2 * ch[l])
                if downAttention[l].isEmpty {
                    res(down[l][j], h, into: skip, l, "down.\(l).res.\(j)")
                } else {
                    res(down[l][j], h, into: w.q[l], l, "down.\(l).res.\(j)")
                    attend(downAttention[l][j], w.q[l], into: skip, l, "down.\(l).attn.\(j)")
                }
                h = skip
            }
            if l < top {
                let next = w.p[l + 1].channels(0 ..< ch[l])
                downsample[l](h, into: next, run) // conv3×3/2: (C, s, s) -> (C, s/2, s/2)
                h = next
            }
        }

        // Middle, ending in the lower half of the first up block's input.
        let m0 = w.p[top].channels(0 ..< ch[top])
        res(mid0, h, into: m0, top, "mid.res.0")
        attend(midAttention, m0, into: w.q[top], top, "mid_attn")
        h = w.concat[top][blocks - 1].channels(0 ..< ch[top])
        res(mid1, w.q[top], into: h, top, "mid.res.1")

        // Up: block j of level l reads concat(h, skip (l, blocks−1−j)).
        for l in ch.indices.reversed() {
            for j in 0 ..< blocks {
                let input = w.concat[l][blocks - 1 - j]
                let out = j < blocks - 1 ? w.concat[l][blocks - 2 - j].channels(0 ..< ch[l]) : w.p[l].channels(0 ..< ch[l])
                if upAttention[l].isEmpty {
                    res(up[l][j], input, into: out, l, "up.\(l).res.\(j)")
                } else {
                    res(up[l][j], input, into: w.q[l], l, "up.\(l).res.\(j)")
                    attend(upAttention[l][j], w.q[l], into: out, l, "up.\(l).attn.\(j)")
                }
                h = out
            }
            if l > 0 {
                upsampleNearest2x(h, into: w.upsampled[l - 1])
                h = w.concat[l - 1][blocks - 1].channels(0 ..< ch[l - 1])
                upsample[l - 1](w.upsampled[l - 1], into: h, run) // conv3×3: (C_l, 2s, 2s) -> (C_{l−1}, 2s, 2s)
                probe?("upsample.\(l - 1)", h)
            }
        }

        // ε = out_conv(silu(out_norm(h)))
        let normed = w.wide[0].channels(0 ..< ch[0])
        outNorm(h, into: normed, activation: .silu)
        outConv(normed, into: w.output, run)
    }
}
