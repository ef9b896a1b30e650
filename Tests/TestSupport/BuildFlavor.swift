/// How the tests were compiled: whole-model runs take minutes unoptimized, so they run only in
/// `swift test -c release` builds.
public enum BuildFlavor {
    public static var optimized: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }
}
