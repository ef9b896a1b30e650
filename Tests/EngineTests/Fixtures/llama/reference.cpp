// Reference runner for the parity fixtures: greedy decoding with llama.cpp's library, the way
// llama-completion runs it (whole prompt in one llama_decode, split by llama.cpp into ubatches of
// 512; flash attention auto; F16 KV cache; sliding-window layers on llama-completion's trimmed SWA
// cache, swa_full = false, which gave the same bits as the full one on Gemma 3; CPU weight
// repacking on, as in llama-completion, so on AVX2 Gemma's Q4_K weights run ggml's q4_K_8x8
// kernels, which do not give the same bits as the plain Q4_K dot products).
// Prompts are tokenized with BOS as the model asks and special tokens parsed (<|im_start|>,
// <start_of_turn>, ... become single ids), as llama-completion does.
// For each prompt it prints one JSON object per line: prompt ids, generated ids, the two best
// logits at every step (to judge near-ties), and the first step's 64 best logits.
// Generation stops after N_PREDICT tokens or right after the first end-of-generation token
// (llama_vocab_is_eog), which is kept as the last generated id; "text" renders the generated ids
// without special tokens, so an end token adds nothing to it ("text_hex" holds its bytes, and
// "text" is null where they are not UTF-8).
// `reference MODEL --eog-ids` prints the model's end-of-generation ids, for the cross-check.
// Built and run by make_fixtures.sh; never part of the Swift package.
#include "llama.h"
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

static void quiet(ggml_log_level, const char *, void *) {}

static std::string json_string(const std::string &s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') { out += '\\'; out += (char)c; }
        else if (c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); out += b; }
        else out += (char)c;
    }
    return out + "\"";
}

// Whether s is well-formed UTF-8: a random-weight model's tokens can split a character.
static bool valid_utf8(const std::string &s) {
    for (size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; k++) if (((unsigned char)s[i + k] >> 6) != 2) return false;
        i += n;
    }
    return true;
}

static std::string hex(const std::string &s) {
    std::string out;
    for (unsigned char c : s) { char b[3]; snprintf(b, sizeof b, "%02x", c); out += b; }
    return out;
}

int main(int argc, char **argv) {
    if (argc < 3 || (argc < 4 && strcmp(argv[2], "--eog-ids") != 0)) {
        fprintf(stderr, "usage: reference MODEL PROMPTS_FILE N_PREDICT [LOGITS_BIN] | reference MODEL --eog-ids\n");
        return 2;
    }
    llama_log_set(quiet, nullptr);
    llama_backend_init();
    llama_model *model = llama_model_load_from_file(argv[1], llama_model_default_params());
    if (!model) { fprintf(stderr, "cannot load %s\n", argv[1]); return 1; }
    const llama_vocab *vocab = llama_model_get_vocab(model);
    const int n_vocab = llama_vocab_n_tokens(vocab);
    if (strcmp(argv[2], "--eog-ids") == 0) {
        for (int t = 0; t < n_vocab; t++) if (llama_vocab_is_eog(vocab, t)) printf("%d\n", t);
        llama_model_free(model);
        return 0;
    }
    const int n_predict = atoi(argv[3]);

    std::ifstream in(argv[2]);
    std::stringstream all;
    all << in.rdbuf();
    const std::string sep = "\n__genplay_prompt__\n";
    std::vector<std::string> prompts;
    std::string text = all.str();
    for (size_t start = 0;;) {
        size_t end = text.find(sep, start);
        prompts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + sep.size();
    }

    for (size_t p = 0; p < prompts.size(); p++) {
        llama_context_params cp = llama_context_default_params();
        cp.n_ctx = 2048;
        cp.n_batch = 2048;
        cp.n_ubatch = 512;
        cp.n_threads = 2;
        cp.n_threads_batch = 2;
        cp.swa_full = false; // llama-completion's default (common_params::swa_full)
        llama_context *ctx = llama_init_from_model(model, cp);
        std::vector<llama_token> ids(prompts[p].size() + 8);
        int n = llama_tokenize(vocab, prompts[p].c_str(), (int)prompts[p].size(), ids.data(), (int)ids.size(), true, true);
        ids.resize(n);
        std::vector<llama_token> prompt_ids = ids;
        std::vector<llama_token> out;
        std::vector<std::pair<float, float>> top2;
        std::vector<std::pair<int, float>> first;
        llama_batch batch = llama_batch_get_one(ids.data(), (int)ids.size());
        for (int step = 0; step < n_predict; step++) {
            if (llama_decode(ctx, batch) != 0) { fprintf(stderr, "decode failed\n"); return 1; }
            const float *logits = llama_get_logits_ith(ctx, -1);
            std::vector<int> order(n_vocab);
            std::iota(order.begin(), order.end(), 0);
            std::partial_sort(order.begin(), order.begin() + 64, order.end(),
                              [&](int a, int b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
            if (step == 0) {
                for (int i = 0; i < 64; i++) first.push_back({order[i], logits[order[i]]});
                if (argc > 4 && p == 0) {
                    FILE *f = fopen(argv[4], "wb");
                    fwrite(logits, sizeof(float), n_vocab, f);
                    fclose(f);
                }
            }
            top2.push_back({logits[order[0]], logits[order[1]]});
            llama_token next = order[0];
            out.push_back(next);
            if (llama_vocab_is_eog(vocab, next)) break;
            ids.assign(1, next);
            batch = llama_batch_get_one(ids.data(), 1);
        }
        std::string piece_text;
        for (llama_token t : out) {
            char buf[256];
            int k = llama_token_to_piece(vocab, t, buf, sizeof buf, 0, false);
            if (k > 0) piece_text.append(buf, k);
        }
        printf("{\"prompt\":%s,\"prompt_ids\":[", json_string(prompts[p]).c_str());
        for (size_t i = 0; i < prompt_ids.size(); i++) printf("%s%d", i ? "," : "", prompt_ids[i]);
        printf("],\"generated\":[");
        for (size_t i = 0; i < out.size(); i++) printf("%s%d", i ? "," : "", out[i]);
        printf("],\"top2\":[");
        for (size_t i = 0; i < top2.size(); i++) printf("%s[%.9g,%.9g]", i ? "," : "", top2[i].first, top2[i].second);
        printf("],\"first_top\":[");
        for (size_t i = 0; i < first.size(); i++) printf("%s[%d,%.9g]", i ? "," : "", first[i].first, first[i].second);
        printf("],\"text\":%s,\"text_hex\":\"%s\"}\n",
               valid_utf8(piece_text) ? json_string(piece_text).c_str() : "null", hex(piece_text).c_str());
        fflush(stdout);
        llama_free(ctx);
    }
    llama_model_free(model);
    return 0;
}
