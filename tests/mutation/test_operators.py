"""The mutation operators on small C snippets: what each proposes, and what it leaves alone
(comments, strings, preprocessor lines, shifts, arrows, declarations)."""
import pytest

from tests.mutation import equivalents, operators


def mutated(source, operator):
    """The mutated texts `operator` proposes for `source`."""
    return [m.apply(source) for m in operators.mutants_of("x.c", source, (operator,))]


def test_error_swap_changes_codes_constructors_flags_and_detail_words():
    source = ("return error_plain(seL4_TruncatedMessage);\n"
              "return error_invalid_capability(2);\n"
              "return error_failed_lookup(true, &f);\n")
    out = mutated(source, "error_swap")
    assert "return error_plain(seL4_IllegalOperation);" in out[0]
    assert any("error_invalid_argument(2)" in text for text in out)
    assert any("error_invalid_capability((2) + 1)" in text for text in out)
    assert any("error_failed_lookup(false, &f)" in text for text in out)
    assert len(out) == 4


def test_error_swap_moves_each_range_bound():
    out = mutated("return error_range(0, mcp);\n", "error_swap")
    assert out == ["return error_range((0) + 1, mcp);\n", "return error_range(0, (mcp) + 1);\n"]


def test_drop_guard_removes_the_condition_and_each_operand():
    source = "if (a < 3 || b)\n    return error_plain(seL4_IllegalOperation);\n"
    out = mutated(source, "drop_guard")
    assert "if (0)\n" in out[0] or any(t.startswith("if (0)\n") for t in out)
    assert any(t.startswith("if (0 || b)") for t in out)
    assert any(t.startswith("if (a < 3 || 0)") for t in out)
    assert len(out) == 3


def test_drop_guard_sets_conjuncts_to_true():
    out = mutated("if (x && !y) error = error_plain(seL4_DeleteFirst);\n", "drop_guard")
    assert sorted(t.split(")")[0] for t in out) == ["if (0", "if (1 && !y", "if (x && 1"]


def test_drop_guard_ignores_ifs_that_do_not_return_or_set_an_error():
    assert mutated("if (a)\n    b = 1;\nif (c) {\n    return 1;\n}\n", "drop_guard") == []


def test_negate_inverts_each_comparison_but_not_shifts_or_arrows():
    source = "x = a->b << 2; if (p <= q && r != s) return 1;\n"
    out = mutated(source, "negate")
    assert [t.split("if ")[1].split(")")[0] for t in out] == ["(p > q && r != s",
                                                             "(p <= q && r == s"]


def test_off_by_one_shifts_the_bound_and_the_constant():
    out = mutated("if (count > seL4_RetypeMaxObjects) return 1;\n", "off_by_one")
    assert out == ["if (count >= seL4_RetypeMaxObjects) return 1;\n",
                   "if (count > (seL4_RetypeMaxObjects + 1)) return 1;\n"]
    assert mutated("if (a == 3) return 1;\n", "off_by_one") == []


def test_skip_store_deletes_assignments_not_declarations():
    source = ("void f(struct s *p)\n{\n    word_t a = 1;\n    p->x = a;\n"
              "    p->flags |= 2;\n    if (a)\n        *p = q;\n    g(a == 1);\n}\n")
    out = mutated(source, "skip_store")
    assert len(out) == 3
    assert any("    ;\n    p->flags" in t for t in out)
    assert any("p->flags |= 2" not in t and "    ;\n" in t for t in out)
    assert any("        ;\n" in t for t in out)
    assert all("word_t a = 1;" in t for t in out)


def test_skip_store_takes_a_statement_over_several_lines():
    source = "void f(void)\n{\n    x = g(1,\n          2);\n    y = 0;\n}\n"
    out = mutated(source, "skip_store")
    assert out[0] == "void f(void)\n{\n    ;\n    y = 0;\n}\n"


def test_comments_strings_and_preprocessor_lines_are_never_mutated():
    source = ('#include <a.h>\n#define X (a < b)\n/* if (a < b) return 1; */\n'
              'const char *s = "a < b";\n// x = 1;\n')
    for operator in operators.OPERATORS:
        assert mutated(source, operator) == []


def test_a_mutant_is_keyed_by_text_not_line_number():
    first = operators.mutants_of("x.c", "if (a < b) return 1;\n", ("negate",))[0]
    moved = operators.mutants_of("x.c", "\n\nif (a < b) return 1;\n", ("negate",))[0]
    assert first.line == 1 and moved.line == 3
    assert first.key == moved.key
    assert first.key == ("x.c", "if (a < b) return 1;", "negate", "if (a >= b) return 1;", 1)


def test_identical_lines_are_told_apart_by_occurrence():
    source = "if (e)\n    return e;\nif (e)\n    return e;\n"
    found = operators.mutants_of("x.c", source, ("drop_guard",))
    assert [(m.line, m.occurrence) for m in found] == [(1, 1), (3, 2)]
    assert len({m.key for m in found}) == 2


def test_the_equivalent_list_loads_and_names_existing_mutants():
    known = equivalents.load()
    for key, reason in known.items():
        path, line, operator, mutated_text, occurrence = key
        found = operators.mutants_of(path, (operators_root() / path).read_text(), (operator,))
        assert reason and key in {m.key for m in found}, \
            f"stale entry in equivalent.toml: {path}: {line} => {mutated_text}"


def test_an_entry_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "list.toml"
    path.write_text('[[equivalent]]\nfile = "a.c"\nline = "x"\noperator = "negate"\n'
                    'mutated = "y"\n')
    with pytest.raises(ValueError):
        equivalents.load(path)


def operators_root():
    from harness import REPO_ROOT
    return REPO_ROOT


def test_arch_decoders_are_files_mutated_on_their_own_board():
    from tests.mutation import __main__ as mutation, runner
    for path in mutation.ARCH_DECODERS:
        arch = path.split("/")[2]
        assert (mutation.REPO_ROOT / path).is_file(), path
        assert runner.board_for(path) == f"qemu-{arch}"
    listed = {m.path for m in mutation.collect(mutation.TARGETS)}
    assert set(mutation.ARCH_DECODERS) <= listed
    assert any(p.startswith("kernel/object/") for p in listed)


def test_unit_tests_run_only_for_files_they_compile():
    from tests.mutation import runner
    scratch = runner.Scratch(runner.REPO_ROOT, set())
    assert scratch.unit_tests_compile("kernel/object/tcb.c")
    assert not scratch.unit_tests_compile("kernel/arch/x86_64/irq.c")
    assert not scratch.unit_tests_compile("kernel/api/syscall.c")
    assert scratch.unit_tests_compile("kernel/core/boot.c")  # test_boot's own sources


def test_scratch_copy_rewrites_changed_files_with_a_new_time(tmp_path):
    import os
    from tests.mutation import runner
    runner.copy_tree(tmp_path)
    kept, changed = tmp_path / "README.md", tmp_path / "kernel" / "object" / "tcb.c"
    (tmp_path / "stale.c").write_text("gone")
    changed.write_text("a mutant, built")
    for path in (kept, changed):
        os.utime(path, (1, 1))
    runner.copy_tree(tmp_path)
    assert kept.stat().st_mtime == 1
    # newer than the working tree's file: a build of the mutant must not pass for current
    assert changed.stat().st_mtime > (runner.REPO_ROOT / "kernel/object/tcb.c").stat().st_mtime
    assert changed.read_text() == (runner.REPO_ROOT / "kernel/object/tcb.c").read_text()
    assert not (tmp_path / "stale.c").exists()
