"""Mutation operators on C source text. Each operator finds places in a file's code (comments,
string literals and preprocessor lines are never touched) and proposes one small change per
place; a Mutant is that change, applied to the file's text by offsets.

Operators:
  error_swap   an error for another: error_plain(seL4_X) -> another seL4_Y, InvalidCapability
               <-> InvalidArgument, a FailedLookup's source flag flipped, a detail word + 1
  drop_guard   an `if` that returns or sets an error loses its condition (-> 0), or one operand
               of its top-level || (-> 0) or && (-> 1)
  negate       a comparison inverted: < -> >=, > -> <=, <= -> >, >= -> <, == -> !=, != -> ==
  off_by_one   a bound moved: < -> <=, <= -> <, > -> >=, >= -> >, and a constant right-hand
               operand N -> (N + 1)
  skip_store   an assignment statement deleted (replaced by the empty statement)
"""
import dataclasses
import re

OPERATORS = ("error_swap", "drop_guard", "negate", "off_by_one", "skip_store")

ERROR_SWAPS = {
    "seL4_IllegalOperation": "seL4_TruncatedMessage",
    "seL4_TruncatedMessage": "seL4_IllegalOperation",
    "seL4_DeleteFirst": "seL4_RevokeFirst",
    "seL4_RevokeFirst": "seL4_DeleteFirst",
    "seL4_AlignmentError": "seL4_IllegalOperation",
    "seL4_InvalidArgument": "seL4_InvalidCapability",
    "seL4_InvalidCapability": "seL4_InvalidArgument",
    "seL4_RangeError": "seL4_InvalidArgument",
    "seL4_FailedLookup": "seL4_InvalidCapability",
    "seL4_NotEnoughMemory": "seL4_RangeError",
}
CONSTRUCTOR_SWAPS = {
    "error_invalid_capability": "error_invalid_argument",
    "error_invalid_argument": "error_invalid_capability",
}
# Error constructors whose arguments are detail words of the reply (ABI §3.6).
DETAIL_CONSTRUCTORS = ("error_invalid_capability", "error_invalid_argument", "error_range",
                       "error_not_enough_memory")
NEGATIONS = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "==": "!=", "!=": "=="}
BOUND_SHIFTS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}

COMPARISON = re.compile(r"(?<![<>=!\-])(<=|>=|==|!=|<|>)(?![<>=])")
CONSTANT = re.compile(r"\s*(\d+[uUlL]*|[A-Z][A-Z0-9_]*|seL4_\w+)\b(?!\s*\()")
IF = re.compile(r"\bif\s*\(")
ERROR_PLAIN = re.compile(r"\berror_plain\(\s*(seL4_\w+)\s*\)")
CONSTRUCTOR = re.compile(r"\b(" + "|".join(CONSTRUCTOR_SWAPS) + r")\(")
DETAIL = re.compile(r"\b(" + "|".join(DETAIL_CONSTRUCTORS) + r")\(")
FAILED_LOOKUP = re.compile(r"\berror_failed_lookup\(\s*(true|false)\b")
GUARD_BODY = re.compile(r"\s*(return\b|\*?\w+\s*=\s*error_)")
STORE = re.compile(r"(?m)^[ \t]*(\*?[A-Za-z_]\w*(?:\s*(?:->|\.)\s*\w+|\[[^\]\n]*\])*)\s*"
                   r"(?:[-+|&^]|<<|>>)?=(?!=)")
STATEMENT_START = re.compile(r"[;{}]\s*$|\)\s*$|\belse\s*$|^\s*$")


@dataclasses.dataclass(frozen=True)
class Mutant:
    path: str         # the file, relative to the repository
    line: int         # 1-based line where the change starts
    operator: str
    start: int        # offsets of the replaced text in the file
    end: int
    replacement: str
    line_text: str    # the original line, stripped
    mutated_text: str  # the same line after the change, stripped
    occurrence: int = 1  # among the file's mutants with the same texts and operator, which

    @property
    def key(self):
        """Stable across edits elsewhere in the file: no line number."""
        return (self.path, self.line_text, self.operator, self.mutated_text, self.occurrence)

    def apply(self, text):
        return text[:self.start] + self.replacement + text[self.end:]

    def describe(self):
        nth = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return (f"{self.path}:{self.line}: {self.operator}{nth}: {self.line_text}  =>  "
                f"{self.mutated_text}")


def code_mask(text):
    """`text` with comments, string and character literals and preprocessor lines blanked to
    spaces (newlines kept), so that offsets match the original."""
    out = list(text)
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            j = i
            while j < n and not (text[j] == "\n" and text[j - 1] != "\\"):
                j += 1
            blank(out, i, j)
            i = j
            continue
        if c == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(out, i, j)
            i = j
            continue
        if c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(out, i, j)
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            blank(out, i, j + 1)
            i = j + 1
            continue
        if c == "\n":
            line_start = True
        elif not c.isspace():
            line_start = False
        i += 1
    return "".join(out)


def blank(chars, start, end):
    for k in range(start, min(end, len(chars))):
        if chars[k] != "\n":
            chars[k] = " "


def closing_paren(code, open_at):
    """The offset of the parenthesis closing the one at `open_at`, or -1."""
    depth = 0
    for k in range(open_at, len(code)):
        if code[k] == "(":
            depth += 1
        elif code[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return -1


def top_level_split(code, start, end, separator):
    """(start, end) spans of the operands of `separator` at parenthesis depth 0 in code[start:end]."""
    spans, depth, begin, k = [], 0, start, start
    while k < end:
        c = code[k]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and code.startswith(separator, k):
            spans.append((begin, k))
            begin = k + len(separator)
            k += len(separator)
            continue
        k += 1
    spans.append((begin, end))
    return spans


def trimmed(code, start, end):
    while start < end and code[start].isspace():
        start += 1
    while end > start and code[end - 1].isspace():
        end -= 1
    return start, end


def statement_end(code, start):
    """The offset just after the `;` ending the statement that starts at `start`."""
    depth = 0
    for k in range(start, len(code)):
        if code[k] in "([{":
            depth += 1
        elif code[k] in ")]}":
            depth -= 1
        elif code[k] == ";" and depth == 0:
            return k + 1
    return -1


def error_swap(code):
    for m in ERROR_PLAIN.finditer(code):
        swap = ERROR_SWAPS.get(m.group(1))
        if swap:
            yield m.start(1), m.end(1), swap
    for m in CONSTRUCTOR.finditer(code):
        yield m.start(1), m.end(1), CONSTRUCTOR_SWAPS[m.group(1)]
    for m in FAILED_LOOKUP.finditer(code):
        yield m.start(1), m.end(1), "false" if m.group(1) == "true" else "true"
    for m in DETAIL.finditer(code):
        close = closing_paren(code, m.end() - 1)
        if close < 0:
            continue
        for start, end in top_level_split(code, m.end(), close, ","):
            start, end = trimmed(code, start, end)
            if start < end:
                yield start, end, f"({code[start:end]}) + 1"


def drop_guard(code):
    for m in IF.finditer(code):
        open_at = m.end() - 1
        close = closing_paren(code, open_at)
        if close < 0 or not GUARD_BODY.match(code, close + 1):
            continue
        start, end = trimmed(code, open_at + 1, close)
        yield start, end, "0"
        for separator, neutral in (("||", "0"), ("&&", "1")):
            operands = top_level_split(code, start, end, separator)
            if len(operands) > 1:
                for o_start, o_end in operands:
                    o_start, o_end = trimmed(code, o_start, o_end)
                    yield o_start, o_end, neutral


def comparisons(code):
    for m in COMPARISON.finditer(code):
        yield m.start(), m.end(), m.group(1)


def negate(code):
    for start, end, op in comparisons(code):
        yield start, end, NEGATIONS[op]


def off_by_one(code):
    for start, end, op in comparisons(code):
        if op in BOUND_SHIFTS:
            yield start, end, BOUND_SHIFTS[op]
        if op in ("==", "!="):
            continue
        constant = CONSTANT.match(code, end)
        if constant:
            value = constant.group(1)
            yield constant.start(1), constant.end(1), f"({value} + 1)"


def skip_store(code):
    for m in STORE.finditer(code):
        line_start = code.rfind("\n", 0, m.start()) + 1
        before = code[:line_start].rstrip()
        if before and not STATEMENT_START.search(before[-40:]):
            continue  # the continuation of an expression, not a statement
        start = m.start(1)
        end = statement_end(code, start)
        if end > 0:
            yield start, end, ";"


FINDERS = {"error_swap": error_swap, "drop_guard": drop_guard, "negate": negate,
           "off_by_one": off_by_one, "skip_store": skip_store}


def mutants_of(path, text, operators=OPERATORS):
    """Every mutant of one file's text, in file order then operator order, without duplicates."""
    code = code_mask(text)
    line_starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
    found, seen = [], set()
    for operator in operators:
        for start, end, replacement in FINDERS[operator](code):
            if (start, end, replacement) not in seen:
                seen.add((start, end, replacement))
                found.append(make_mutant(path, text, line_starts, operator, start, end,
                                         replacement))
    found.sort(key=lambda m: (m.start, OPERATORS.index(m.operator), m.end))
    return number_occurrences(found)


def number_occurrences(mutants):
    """Tell apart mutants of identical lines (the same texts and operator) by their order."""
    counts, numbered = {}, []
    for mutant in mutants:
        key = mutant.key[:4]
        counts[key] = counts.get(key, 0) + 1
        numbered.append(dataclasses.replace(mutant, occurrence=counts[key]))
    return numbered


def make_mutant(path, text, line_starts, operator, start, end, replacement):
    line = line_of(line_starts, start)
    first = line_starts[line - 1]
    last_line = line_of(line_starts, max(start, end - 1))
    stop = line_starts[last_line] - 1 if last_line < len(line_starts) else len(text)
    original = " ".join(text[first:stop].split())
    mutated = " ".join((text[first:start] + replacement + text[end:stop]).split())
    return Mutant(path, line, operator, start, end, replacement, original, mutated)


def line_of(line_starts, offset):
    low, high = 0, len(line_starts)
    while high - low > 1:
        mid = (low + high) // 2
        if line_starts[mid] <= offset:
            low = mid
        else:
            high = mid
    return low + 1
