import Foundation
import Testing
@testable import Engine

/// The interpreter on small templates, each against what Python's jinja2 renders with Hugging
/// Face's settings (`trim_blocks`, `lstrip_blocks`, loop controls, its `tojson`): whitespace
/// control, expressions, tests, filters, loops, macros, dates and markup.
struct JinjaRenderTests {
    static func render(_ source: String, _ contextJSON: String = "{}") throws -> String {
        guard case let .dict(d) = try JinjaJSON.parse(contextJSON) else { throw JinjaError.runtime("context is not an object") }
        var context: [String: JinjaValue] = [:]
        for (key, value) in d.entries { context[key.pythonString] = value }
        return try JinjaTemplate(source).render(context, date: JinjaDate(year: 2026, month: 1, day: 15)).text
    }

    // Expected outputs rendered by jinja2 3.1 with make_fixtures.py's environment.
    @Test(arguments: [
        (#"{% if true %}\#n  yes\#n{% endif %}\#n  {% if true %}x{% endif %}"#,
         #"{}"#,
         "  yes\nx"),
        (#"a  {%- if true -%}  b  {%- endif -%}  c"#,
         #"{}"#,
         "abc"),
        (#"  {%+ if true %}k{% endif %}|{# note #}\#n|{% raw %}{{ x }}{% endraw %}"#,
         #"{}"#,
         "  k||{{ x }}"),
        (#"{{ 'a' }}\#n{{ 'b' }}\#n"#,
         #"{}"#,
         "a\nb"),
        (#"{{ 1 + 2 * 3 ** 2 }} {{ 7 // -2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** -1 }} {{ 10 / 5 }}"#,
         #"{}"#,
         "19 -4 2 3.5 0.5 2.0"),
        (#"{{ 'ab' ~ 3 ~ none }} {{ 'x' * 3 }} {{ [1, 2] + [3] }} {{ (1, 'a') }} {{ {'k': [1.5, none, true]} }}"#,
         #"{}"#,
         "ab3None xxx [1, 2, 3] (1, 'a') {'k': [1.5, None, True]}"),
        (#"{{ 'yes' if 1 < 2 < 3 else 'no' }} {{ 'b' in 'abc' }} {{ 3 not in [1, 2] }} {{ not 0 and 'x' or 'y' }}"#,
         #"{}"#,
         "yes True True x"),
        (#"{{ s[1:] }} {{ s[::-1] }} {{ s[-2] }} {{ xs[1:3] }} {{ xs[:-1] | length }}"#,
         #"{"s": "hello", "xs": [1, 2, 3, 4]}"#,
         "ello olleh l [2, 3] 3"),
        (#"{{ '%s has %d items, %.2f%%' % ('cart', 3, 12.345) }} {{ '{} and {name}'.format(1, name='two') }}"#,
         #"{}"#,
         "cart has 3 items, 12.35% 1 and two"),
        (#"{{ m.role }} {{ m['content'] }} {{ m.missing is defined }} {{ m.get('missing', 'd') }} {{ m.items() | list }}"#,
         #"{"m": {"role": "user", "content": "hi"}}"#,
         "user hi False d [('role', 'user'), ('content', 'hi')]"),
        (#"{{ '  a b  '.strip() }}|{{ 'a,b,,c'.split(',') }}|{{ 'a b  c'.split() }}|{{ 'x=y=z'.split('=', 1) }}|{{ 'Hi'.upper() }}{{ 'Hi'.lower() }}|{{ 'ab'.startswith('a') }}{{ 'ab'.endswith(('x', 'b')) }}|{{ 'aXbX'.replace('X', '-') }}|{{ 'hello world'.title() }}"#,
         #"{}"#,
         "a b|['a', 'b', '', 'c']|['a', 'b', 'c']|['x', 'y=z']|HIhi|TrueTrue|a-b-|Hello World"),
        (#"{{ none is none }} {{ 'a' is string }} {{ {} is mapping }} {{ [] is iterable }} {{ 3 is number }} {{ 4 is even }} {{ 3 is odd }} {{ x is undefined }} {{ 6 is divisibleby 3 }} {{ true is boolean }} {{ [] is sequence }} {{ 'a' is in 'abc' }}"#,
         #"{}"#,
         "True True True True True True True True True True True True"),
        (#"{{ xs | tojson }} {{ xs | tojson(indent=2) }} {{ 'é"\n' | tojson }} {{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}"#,
         #"{"xs": [1, "two", null, true, 2.5, {"k": "v"}]}"#,
         "[1, \"two\", null, true, 2.5, {\"k\": \"v\"}] [\n  1,\n  \"two\",\n  null,\n  true,\n  2.5,\n  {\n    \"k\": \"v\"\n  }\n] \"é\\\"\\n\" {\"a\": 2, \"b\": 1}"),
        (#"{{ ms | map(attribute='role') | join(', ') }} {{ ms | selectattr('role', 'equalto', 'user') | list | length }} {{ ms | rejectattr('tool') | map(attribute='role') | list }} {{ ms | selectattr('tool', 'defined') | first }}"#,
         #"{"ms": [{"role": "system"}, {"role": "user"}, {"role": "tool", "tool": "x"}]}"#,
         "system, user, tool 1 ['system', 'user'] {'role': 'tool', 'tool': 'x'}"),
        (#"{{ x | default('d') }} {{ '' | default('e', true) }} {{ [3, 1, 2] | sort | list }} {{ ['b', 'A', 'c'] | sort(reverse=true) }} {{ [1, 2, 1] | unique | list }} {{ [4, 2, 8] | min }} {{ [4, 2, 8] | max }} {{ [1, 2] | last }} {{ 'abc' | first }} {{ [1, 2, 3] | sum }}"#,
         #"{}"#,
         "d e [1, 2, 3] ['c', 'b', 'A'] [1, 2] 2 8 2 a 6"),
        (#"{{ 'a\n\nb\n' | indent(2) }}|{{ 'a\nb' | indent(4, first=true) }}|{{ {'b': 1, 'A': 2} | dictsort }}|{{ '  x  ' | trim }}|{{ 'hello' | capitalize }}|{{ 3.7 | int }}{{ '4' | int + 1 }}{{ 2 | float }}|{{ 'abc' | length }}{{ 'abc' | reverse | join }}|{{ 'a<b' | e }}|{{ 42 | string ~ '!' }}"#,
         #"{}"#,
         "a\n\n  b\n|    a\n    b|[('A', 2), ('b', 1)]|x|Hello|352.0|3cba|a&lt;b|42!"),
        (#"{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}{{ loop.previtem }}{{ loop.nextitem }}{{ loop.cycle('a', 'b') }};{% endfor %}"#,
         #"{"xs": ["p", "q", "r"]}"#,
         "10TrueFalse33qa;21FalseFalse32prb;32FalseTrue31qa;"),
        (#"{% for x in [] %}no{% else %}empty{% endfor %} {% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i > 4 %}{% break %}{% endif %}{{ i }}{% endfor %} {% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }} {% endfor %}"#,
         #"{}"#,
         "empty 0134 a=1 b=2 "),
        (#"{% set ns = namespace(n=0, found=false) %}{% set outer = 1 %}{% for i in range(3) %}{% set outer = i %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }} {{ outer }} {% for i in range(5) if i is odd %}{{ i }}{% endfor %}"#,
         #"{}"#,
         "3 1 13"),
        (#"{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}{{ caller() if caller is defined else '' }}!{% endmacro %}{{ greet('Ann') }} {{ greet('Bo', greeting='Hi') }} {% call greet('Cy') %} (called){% endcall %}"#,
         #"{}"#,
         "Hello, Ann! Hi, Bo! Hello, Cy (called)!"),
        (#"{% macro fact(n) %}{% if n <= 1 %}1{% else %}{{ n * fact(n - 1) | int }}{% endif %}{% endmacro %}{{ fact(5) }} {% set body %}inner {{ 1 + 1 }}{% endset %}[{{ body }}] {% filter upper %}shout{% endfilter %}"#,
         #"{}"#,
         "120 [inner 2] SHOUT"),
        (#"{{ strftime_now('%d %b %Y') }} {{ strftime_now('%Y-%m-%d %A %B %j') }}"#,
         #"{}"#,
         "15 Jan 2026 2026-01-15 Thursday January 015"),
        (#"{{ 'it is '|safe + "Ann's <b>" }} {{ 'it is '|safe ~ "Ann's" }} {{ {0: 'zero', 512: 'half'}[512] }} {{ {2: 'b', 1: 'a'} | dictsort }}"#,
         #"{}"#,
         "it is Ann&#39;s &lt;b&gt; it is Ann's half [(1, 'a'), (2, 'b')]"),
        (#"{{ '%5s|%-5s|%05d|%+d|%x|%#o|%.3s|%e|%g|%c' % ('ab', 'cd', -42, 7, 255, 8, 'abcdef', 12345.678, 0.0001, 65) }} {{ '%(a)s-%(b)03d' % {'a': 'x', 'b': 5} }} {{ '%s' % {'k': 1} }}"#,
         #"{}"#,
         "   ab|cd   |-0042|+7|ff|0o10|abc|1.234568e+04|0.0001|A x-005 {'k': 1}"),
        (#"{% for n in tree recursive %}{{ loop.depth }}{{ n.name }}({% if n.kids %}{{ loop(n.kids) }}{% endif %}){% endfor %}"#,
         #"{"tree": [{"name": "a", "kids": [{"name": "b", "kids": [{"name": "c"}]}, {"name": "d"}]}, {"name": "e"}]}"#,
         "1a(2b(3c())2d())1e()"),
        (#"{{ '%s-%03d' | format('a', 7) }} {{ '%s!' | format('b') }}"#,
         #"{}"#,
         "a-007 b!"),
    ])
    func rendersAsJinja2Does(_ source: String, _ context: String, _ expected: String) throws {
        #expect(try Self.render(source, context) == expected)
    }

    @Test func raiseExceptionCarriesTheTemplatesMessage() {
        #expect(throws: JinjaError.raised("Conversation roles must alternate")) {
            try Self.render("{% if true %}{{ raise_exception('Conversation roles must alternate') }}{% endif %}")
        }
    }

    @Test(arguments: [
        ("{{ x.y }}", "'x' is undefined"),
        ("{{ 1 + 'a' }}", "unsupported operand"),
        ("{{ [1] | tojson | length }}{{ ([1] | map('string')) | length }}", "has no len()"),
        ("{% for m in none %}{% endfor %}", "not iterable"),
        ("{{ messages.append(1) }}", "unsafe"),
    ])
    func badOperationsRaiseRuntimeErrors(_ source: String, _ fragment: String) {
        do {
            _ = try Self.render(source, #"{"messages": []}"#)
            Issue.record("rendered \(source)")
        } catch let JinjaError.runtime(message) {
            #expect(message.contains(fragment), "\(message)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
