"""`sopbook test --format junit` read by junitparser, the JUnit reader many CI tools use.

Reads the report of tests/fixtures/scenarios (passing, failing and stale scenarios) and of this
repository's own base, and checks what a CI system would show: suites, cases, failures, messages.
"""
import os
import subprocess
import sys

from junitparser import Failure, JUnitXml

BIN = os.environ.get("SOPBOOK_BIN", "target/release/sopbook")


# The messages in the default language (pt-BR), whatever the machine's locale.
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}


def junit(root):
    run = subprocess.run([BIN, "test", "--format", "junit", root], capture_output=True, env=ENV)
    path = "target/junit-" + root.replace("/", "_") + ".xml"
    with open(path, "wb") as out:
        out.write(run.stdout)
    return run.returncode, JUnitXml.fromfile(path)


def main():
    code, xml = junit("tests/fixtures/scenarios")
    assert code == 1, code
    suites = {suite.name: suite for suite in xml}
    assert sorted(suites) == ["certificado/perda-do-backup-a1", "financeiro/boleto-vencido", "rede/sem-internet"], suites
    assert (xml.tests, xml.failures, xml.errors) == (9, 5, 0), (xml.tests, xml.failures, xml.errors)
    boleto = {case.name: case for case in suites["financeiro/boleto-vencido"]}
    assert boleto["Vencido há uma semana"].is_passed
    [failure] = boleto["Vencido há dois meses"].result
    assert isinstance(failure, Failure) and failure.type == "failing-scenario", failure
    assert failure.message.startswith("o cenário `Vencido há dois meses` termina em `cobranca`"), failure.message
    assert "--> procedures/financeiro/boleto-vencido.toml:36:11" in failure.text, failure.text
    for case in suites["rede/sem-internet"]:
        assert case.is_passed, case.name

    code, xml = junit(".")
    failed = [case.name for suite in xml for case in suite if not case.is_passed]
    assert code == 0 and not failed and xml.tests > 0, (code, failed, xml.tests)
    print(f"junitparser read both reports: fixture 9 cases, 5 failures; this base {xml.tests} cases, all passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"JUnit check failed: {error}", file=sys.stderr)
        sys.exit(1)
