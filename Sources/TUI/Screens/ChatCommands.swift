/// The Chat screen's commands and their keys, one table per focus. `update` looks keys up
/// here and the help overlay lists these same tables.
enum ChatCommand: Sendable {
    case send, stop, regenerate, editLast, newChat, systemPrompt
    case toggleSampler, tokenView, toggleHeatmap, toggleStepMode, toggleReasoning, openChats, exportMarkdown
    case copyAnswer, copyCode, toggleMouseCapture
    case pageUp, pageDown, focusNext, focusPrevious
}

enum SamplerCommand: Sendable {
    case previous, next, decrease, increase, decreaseMore, increaseMore, randomSeed, reset, edit, leave
}

enum TokenCommand: Sendable {
    case previousToken, nextToken, firstToken, lastToken, previousAlternative, nextAlternative, branch
    case toggleHeatmap, leave
}

enum ProposalCommand: Sendable {
    case accept, previousCandidate, nextCandidate, continueStreaming, stop
}

extension ChatScreen {
    static let bindings: [KeyBinding<ChatCommand>] = [
        KeyBinding([Key(.enter)], .send, "Send the message"),
        KeyBinding([Key(.escape)], .stop, "Stop generating (the answer so far stays); cancel an edit"),
        KeyBinding([.ctrl("r")], .regenerate, "Regenerate the last answer (with the next seed)"),
        KeyBinding([.alt("e")], .editLast, "Edit and resend your last message"),
        KeyBinding([.ctrl("n")], .newChat, "New chat"),
        KeyBinding([.alt("s"), Key(.function(7))], .systemPrompt, "Edit the system prompt"),
        KeyBinding([.alt("p"), Key(.function(2))], .toggleSampler, "Show / hide the live sampler panel"),
        KeyBinding([.alt("t"), Key(.function(3))], .tokenView, "Token view: move over tokens, see alternatives, branch"),
        KeyBinding([.alt("h"), Key(.function(4))], .toggleHeatmap, "Colour tokens by probability (heatmap)"),
        KeyBinding([.alt("m"), Key(.function(5))], .toggleStepMode, "Step mode: one token per key press"),
        KeyBinding([.alt("r"), Key(.function(9))], .toggleReasoning, "Show / fold the reasoning of thinking models (<think>)"),
        KeyBinding([.ctrl("o"), Key(.function(6))], .openChats, "Open a saved chat"),
        KeyBinding([.alt("x"), Key(.function(8))], .exportMarkdown, "Export the chat as Markdown"),
        KeyBinding([.alt("y")], .copyAnswer, "Copy the answer (the token view's, else the last) to the clipboard"),
        KeyBinding([.alt("c")], .copyCode, "Copy a code block (the one at the token cursor, else the answer's last)"),
        KeyBinding([.alt("u")], .toggleMouseCapture, "Mouse capture off / on (off: select text with the terminal)"),
        KeyBinding([Key(.pageUp)], .pageUp, "Scroll up (also the mouse wheel)"),
        KeyBinding([Key(.pageDown)], .pageDown, "Scroll down"),
        KeyBinding([Key(.tab)], .focusNext, "Next panel: input, sampler, tokens"),
        KeyBinding([Key(.tab, .shift)], .focusPrevious, "Previous panel"),
    ]

    static let samplerBindings: [KeyBinding<SamplerCommand>] = [
        KeyBinding([Key(.up), .char("k")], .previous, "Previous setting"),
        KeyBinding([Key(.down), .char("j")], .next, "Next setting"),
        KeyBinding([Key(.left), .char("h")], .decrease, "Decrease (applies to the next token)"),
        KeyBinding([Key(.right), .char("l")], .increase, "Increase"),
        KeyBinding([Key(.left, .shift), .char("H")], .decreaseMore, "Decrease ten steps"),
        KeyBinding([Key(.right, .shift), .char("L")], .increaseMore, "Increase ten steps"),
        KeyBinding([.char("r")], .randomSeed, "New random seed"),
        KeyBinding([.char("d"), Key(.backspace)], .reset, "Reset the setting to its default (no stop strings)"),
        KeyBinding([Key(.enter)], .edit, #"Edit stop strings: a|b, \n newline, \| bar"#),
        KeyBinding([Key(.escape)], .leave, "Back to the input"),
    ]

    static let tokenBindings: [KeyBinding<TokenCommand>] = [
        KeyBinding([Key(.left), .char("h")], .previousToken, "Previous token"),
        KeyBinding([Key(.right), .char("l")], .nextToken, "Next token"),
        KeyBinding([Key(.home)], .firstToken, "First token of the reply"),
        KeyBinding([Key(.end)], .lastToken, "Last token of the reply"),
        KeyBinding([Key(.up), .char("k")], .previousAlternative, "Previous alternative"),
        KeyBinding([Key(.down), .char("j")], .nextAlternative, "Next alternative"),
        KeyBinding([Key(.enter)], .branch, "Branch: replace the token with the alternative and continue"),
        KeyBinding([.alt("h"), Key(.function(4))], .toggleHeatmap, "Heatmap on / off"),
        KeyBinding([Key(.escape)], .leave, "Back to the input"),
    ]

    static let proposalBindings: [KeyBinding<ProposalCommand>] = [
        KeyBinding([Key(.enter), .char(" "), Key(.right)], .accept, "Accept the picked token, propose the next"),
        KeyBinding([Key(.up), .char("k")], .previousCandidate, "Pick a more likely candidate"),
        KeyBinding([Key(.down), .char("j")], .nextCandidate, "Pick a less likely candidate"),
        KeyBinding([.char("c"), .alt("m"), Key(.function(5))], .continueStreaming, "Accept and continue without stepping"),
        KeyBinding([Key(.escape)], .stop, "Stop stepping (accepted tokens stay)"),
    ]

    static var helpSections: [HelpSection] {
        [
            HelpSection("Chat", bindings.helpRows() + [HelpRow(keys: "?", action: "This help (when the input is empty)")]),
            HelpSection("Input editor", TextEditor.bindings.helpRows()
                        + [HelpRow(keys: "paste", action: "Large pastes become one [pasted …] chip; sent in full")]),
            HelpSection("Sampler panel (Tab to focus)", samplerBindings.helpRows()),
            HelpSection("Token view", tokenBindings.helpRows()),
            HelpSection("Step mode", proposalBindings.helpRows()),
            HelpSection("Chat picker", ChatPicker.helpRows),
        ]
    }
}
