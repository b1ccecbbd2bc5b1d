"""The deployment files agree with the code: docker-compose.yml, Dockerfile, .dockerignore, deploy/.

Fast and offline: everything is read from the repository. ``docker compose config`` runs only
where a Docker Compose client works.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import ipaddress
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from pydantic_settings import BaseSettings
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"

# The subcommands the deployment relies on, per console script.
KNOWN_SUBCOMMANDS = {
    "case-api": {"serve", "migrate", "rebuild", "project", "openapi", "token"},
    "notifier": {"run", "migrate"},
}
SERVERS = {  # command -> (settings prefix, health path)
    ("case-api", "serve"): ("CASE_API_", "/readyz"),
    ("notifier", "run"): ("NOTIFIER_", "/healthz"),
}
SETTINGS_CLASSES = {
    "CASE_API_": "case_api.platform.settings",
    "NOTIFIER_": "notifier.platform.config",
}
DATABASE_SETTINGS = {"CASE_API_EVENT_STORE_URL", "CASE_API_READMODEL_URL", "NOTIFIER_DATABASE_URL"}
POSTGRES_SERVICE = "postgres"
SECRET_NAME = re.compile(r"(SECRET|TOKEN|PASSWORD)$")


# --- reading the files --------------------------------------------------------------------


@cache
def raw_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


_VAR = re.compile(r"\$(?:\$|\{(?P<name>\w+)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}|(?P<bare>\w+))")


def required_variables() -> set[str]:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    return {m["name"] for m in _VAR.finditer(text) if m["name"] and m["op"] in (":?", "?")}


def dummy_value(name: str) -> str:
    """A distinct, URL-safe stand-in for a variable, so a test can tell which one went where."""
    return name.lower().replace("_", "-") + "-value"


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's variable substitution, the forms this file may use."""

    def substitute(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            return "$"
        name = m["name"] or m["bare"]
        op, arg = m["op"], m["arg"] or ""
        is_set = name in env and (env[name] != "" or not (op or "").startswith(":"))
        if op in (":-", "-"):
            return env[name] if is_set else arg
        if op in (":+", "+"):
            return arg if is_set else ""
        if op in (":?", "?") and not is_set:
            raise KeyError(f"required variable {name} is not set: {arg}")
        return env.get(name, "")

    return _VAR.sub(substitute, value)


def resolve(node: Any, env: dict[str, str]) -> Any:
    if isinstance(node, str):
        return interpolate(node, env)
    if isinstance(node, list):
        return [resolve(item, env) for item in node]
    if isinstance(node, dict):
        return {key: resolve(value, env) for key, value in node.items()}
    return node


@cache
def compose() -> dict[str, Any]:
    """The compose file with every variable set to its dummy value."""
    env = {name: dummy_value(name) for name in required_variables()}
    return resolve(raw_compose(), env)


def services() -> dict[str, dict[str, Any]]:
    return compose()["services"]


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


@cache
def console_scripts() -> dict[str, str]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["project"]["scripts"]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined and comments dropped."""
    instructions, buffer = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if raw.strip().startswith("#"):
            continue
        if raw.rstrip().endswith("\\"):
            buffer += raw.rstrip()[:-1] + " "
            continue
        line = (buffer + raw).strip()
        buffer = ""
        if line:
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def exec_form_or_shell(arguments: str) -> list[str]:
    if arguments.startswith("["):
        return yaml.safe_load(arguments)
    return ["/bin/sh", "-c", arguments]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in dockerfile_instructions():
        if keyword == "ENV":
            for token in shlex.split(rest):
                key, _, value = token.partition("=")
                env[key] = value
    return env


def image_command() -> list[str]:
    cmds = [rest for keyword, rest in dockerfile_instructions() if keyword == "CMD"]
    assert cmds, "the Dockerfile has no CMD"
    return exec_form_or_shell(cmds[-1])


def is_app_service(service: dict[str, Any]) -> bool:
    return "build" in service


def program_runs(command: list[str]) -> list[list[str]]:
    """The programs a service command runs: `sh -c "a && b"` is two."""
    if len(command) >= 3 and command[0] in ("sh", "/bin/sh", "bash") and command[1] == "-c":
        return [shlex.split(part) for part in re.split(r"&&|;|\|\|", command[2]) if part.strip()]
    return [command]


def service_command(service: dict[str, Any]) -> list[str]:
    command = service.get("command")
    if command is None:
        return image_command()
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def server_kind(service: dict[str, Any]) -> tuple[str, str] | None:
    if not is_app_service(service):
        return None
    runs = program_runs(service_command(service))
    key = tuple(runs[0][:2]) if len(runs) == 1 else None
    return key if key in SERVERS else None  # type: ignore[return-value]


def services_running(kind: tuple[str, str]) -> dict[str, dict[str, Any]]:
    return {name: svc for name, svc in services().items() if server_kind(svc) == kind}


def settings_class(prefix: str) -> type[BaseSettings]:
    return importlib.import_module(SETTINGS_CLASSES[prefix]).Settings


def settings_for(service: dict[str, Any], prefix: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The service's Settings, as pydantic-settings builds them from the container env."""
    for key in list(os.environ):
        if key.startswith(tuple(SETTINGS_CLASSES)):
            monkeypatch.delenv(key)
    env = {**dockerfile_env(), **environment(service)}
    for key, value in env.items():
        if key.startswith(prefix):
            monkeypatch.setenv(key, value)
    return settings_class(prefix)()


def healthcheck_url(service: dict[str, Any]) -> tuple[str, int, str]:
    test = service["healthcheck"]["test"]
    text = " ".join(test) if isinstance(test, list) else test
    m = re.search(r"https?://([\w.\-]+):(\d+)(/[^'\"\s]*)?", text)
    assert m, f"no URL with a port in healthcheck {test!r}"
    return m[1], int(m[2]), m[3] or "/"


def published_ports(service: dict[str, Any]) -> list[tuple[str, int | None, int]]:
    """(host ip, host port or None, container port) of each `ports` entry."""
    result = []
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            published = entry.get("published")
            host_port = int(published) if published else None
            result.append((entry.get("host_ip", ""), host_port, int(entry["target"])))
            continue
        parts = str(entry).split("/")[0].split(":")
        container = int(parts[-1])
        host = int(parts[-2]) if len(parts) >= 2 and parts[-2] else None
        result.append((parts[0] if len(parts) == 3 else "", host, container))
    return result


def bind_mounts(service: dict[str, Any]) -> dict[str, Path]:
    """Container path -> host path of the service's bind mounts (relative to the project)."""
    mounts = {}
    for entry in service.get("volumes") or []:
        if isinstance(entry, dict):
            source, target = entry.get("source", ""), entry["target"]
        else:
            source, target = str(entry).split(":")[:2]
        if source.startswith((".", "/")):
            mounts[target] = (ROOT / source).resolve()
    return mounts


# --- nginx -------------------------------------------------------------------------------


def nginx_config() -> tuple[Path, str]:
    proxy = proxy_service()[1]
    mounts = bind_mounts(proxy)
    confs = [path for target, path in mounts.items() if target.startswith("/etc/nginx/")]
    assert confs, "the proxy mounts no nginx configuration"
    assert all(path.is_file() for path in confs), f"missing nginx configuration: {confs}"
    return confs[0], "\n".join(path.read_text(encoding="utf-8") for path in confs)


def proxy_service() -> tuple[str, dict[str, Any]]:
    found = [(n, s) for n, s in services().items() if str(s.get("image", "")).startswith("nginx")]
    assert len(found) == 1, "expected one nginx proxy service"
    return found[0]


def strip_nginx_comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def nginx_upstreams(text: str) -> dict[str, list[tuple[str, int, list[str]]]]:
    upstreams = {}
    for m in re.finditer(r"upstream\s+(\S+)\s*\{([^}]*)\}", strip_nginx_comments(text)):
        servers = []
        for s in re.finditer(r"^\s*server\s+([^\s;]+)([^;]*);", m[2], re.M):
            host, _, port = s[1].rpartition(":")
            servers.append((host, int(port), s[2].split()))
        upstreams[m[1]] = servers
    return upstreams


def nginx_listen_ports(text: str) -> set[int]:
    return {int(p) for p in re.findall(r"^\s*listen\s+(?:[\d.]+:)?(\d+)", text, re.M)}


# --- postgres init -----------------------------------------------------------------------


def postgres_init_scripts() -> list[Path]:
    mounts = bind_mounts(services()[POSTGRES_SERVICE])
    init = mounts.get("/docker-entrypoint-initdb.d")
    assert init is not None, "postgres mounts nothing at /docker-entrypoint-initdb.d"
    assert init.is_dir(), f"{init} does not exist"
    scripts = sorted(p for p in init.iterdir() if p.suffix in (".sh", ".sql"))
    assert scripts, f"no init scripts in {init}"
    return scripts


def postgres_roles_and_databases() -> tuple[dict[str, str], dict[str, str]]:
    """role -> container env variable holding its password; database -> owner role."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in postgres_init_scripts())
    psql_vars = dict(re.findall(r"-v\s+(\w+)=\"?\$\{?(\w+)\}?\"?", text))
    roles = {
        role: psql_vars.get(var, "")
        for role, var in re.findall(r"CREATE ROLE (\w+) LOGIN PASSWORD :'(\w+)'", text, re.I)
    }
    databases = dict(re.findall(r"CREATE DATABASE (\w+) OWNER (\w+)", text, re.I))
    env = environment(services()[POSTGRES_SERVICE])
    superuser = env.get("POSTGRES_USER", "postgres")
    roles[superuser] = "POSTGRES_PASSWORD"
    databases.setdefault(env.get("POSTGRES_DB", superuser), superuser)
    return roles, databases


# --- .dockerignore -----------------------------------------------------------------------


def _dockerignore_regex(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[" and "]" in pattern[i:]:
            end = pattern.index("]", i)
            out, i = out + pattern[i : end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


@cache
def dockerignore_rules() -> list[tuple[bool, re.Pattern[str]]]:
    rules = []
    for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.lstrip("!").strip().strip("/")
        rules.append((negated, _dockerignore_regex(pattern)))
    return rules


def dockerignored(path: str) -> bool:
    """Docker's rule: the last pattern matching the path or one of its parents decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[: k + 1]) for k in range(len(parts))]
    excluded = False
    for negated, regex in dockerignore_rules():
        if any(regex.match(c) for c in candidates):
            excluded = not negated
    return excluded


def repo_files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.endswith(".egg-info")]
        for name in filenames:
            if not name.endswith((".pyc", ".pyo")):
                yield Path(dirpath) / name


def dockerfile_copies() -> list[tuple[str, PurePosixPath, str]]:
    """(repo source, image destination, WORKDIR at that point) of each COPY/ADD."""
    copies, workdir = [], PurePosixPath("/")
    for keyword, rest in dockerfile_instructions():
        if keyword == "WORKDIR":
            workdir = workdir / rest
        elif keyword in ("COPY", "ADD"):
            tokens = yaml.safe_load(rest) if rest.startswith("[") else shlex.split(rest)
            if any(t.startswith("--from") for t in tokens):
                continue
            tokens = [t for t in tokens if not t.startswith("--")]
            *sources, dest = tokens
            dest_path = workdir / dest
            for source in sources:
                if (ROOT / source).is_file() and (dest.endswith("/") or dest in (".", "./")):
                    target = dest_path / PurePosixPath(source).name
                else:
                    target = dest_path
                copies.append((source, PurePosixPath(os.path.normpath(target)), str(workdir)))
    return copies


def image_path_of(repo_path: str) -> PurePosixPath | None:
    for source, target, _ in dockerfile_copies():
        source = source.strip("/").removeprefix("./")
        if repo_path == source:
            return target
        if repo_path.startswith(source + "/"):
            return target / repo_path.removeprefix(source + "/")
    return None


# --- argparse introspection --------------------------------------------------------------


class _ParserCaptured(Exception):
    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser


def cli_subcommands(target: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Subcommands of a console script's argparse parser, without running any command."""
    module_name, _, function = target.partition(":")
    main = getattr(importlib.import_module(module_name), function)

    def capture(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> Any:
        raise _ParserCaptured(self)

    monkeypatch.setattr(argparse.ArgumentParser, "parse_known_args", capture)
    monkeypatch.setattr(sys, "argv", [module_name, "--help"])
    try:
        main(["--help"]) if inspect.signature(main).parameters else main()
    except _ParserCaptured as captured:
        parser = captured.parser
    else:
        pytest.fail(f"{target} returned without parsing arguments")
    choices: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            choices |= set(action.choices)
    return choices


def skip_with_reason(reason: str) -> None:
    print(f"SKIPPED: {reason}")
    pytest.skip(reason)


# --- the tests ---------------------------------------------------------------------------


def test_compose_file_parses_and_has_the_stack() -> None:
    assert isinstance(raw_compose(), dict)
    names = set(services())
    assert {POSTGRES_SERVICE, "migrate", "notifier"} <= names
    assert len(services_running(("case-api", "serve"))) >= 2, "expected two case-api replicas"
    assert len(services_running(("notifier", "run"))) == 1, "run exactly one notifier"
    assert str(services()[POSTGRES_SERVICE]["image"]).startswith("postgres:15")
    declared_volumes = set(compose().get("volumes") or {})
    for name, service in services().items():
        for entry in service.get("volumes") or []:
            source = entry.get("source", "") if isinstance(entry, dict) else entry.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in declared_volumes, f"{name}: volume {source} is not declared"
        for secret in service.get("secrets") or []:
            secret_name = secret if isinstance(secret, str) else secret["source"]
            assert secret_name in (compose().get("secrets") or {}), f"{name}: secret {secret}"


def test_commands_are_console_scripts_with_known_subcommands() -> None:
    scripts = console_scripts()
    assert scripts["case-api"] == "case_api.cli:main"
    assert scripts["notifier"] == "notifier.cli:main"
    commands = {"Dockerfile CMD": image_command()}
    commands |= {n: service_command(s) for n, s in services().items() if is_app_service(s)}
    for where, command in commands.items():
        for argv in program_runs(command):
            assert argv[0] in scripts, f"{where}: {argv[0]} is not in [project.scripts]"
            assert len(argv) > 1 and argv[1] in KNOWN_SUBCOMMANDS[argv[0]], f"{where}: {argv}"
    migrate_runs = program_runs(service_command(services()["migrate"]))
    assert [argv[:2] for argv in migrate_runs] == [["case-api", "migrate"], ["notifier", "migrate"]]


def test_case_api_parser_has_the_subcommands(monkeypatch: pytest.MonkeyPatch) -> None:
    choices = cli_subcommands(console_scripts()["case-api"], monkeypatch)
    assert KNOWN_SUBCOMMANDS["case-api"] <= choices, choices


def test_notifier_parser_has_the_subcommands(monkeypatch: pytest.MonkeyPatch) -> None:
    target = console_scripts()["notifier"]
    module_name = target.partition(":")[0]
    if importlib.util.find_spec(module_name) is None:
        skip_with_reason(f"{module_name} does not exist yet: its parser cannot be checked")
    choices = cli_subcommands(target, monkeypatch)
    assert KNOWN_SUBCOMMANDS["notifier"] <= choices, choices


def test_env_names_are_settings_fields() -> None:
    fields = {
        prefix: {prefix + name.upper() for name in settings_class(prefix).model_fields}
        for prefix in SETTINGS_CLASSES
    }
    sources = {"Dockerfile": dockerfile_env()}
    sources |= {name: environment(service) for name, service in services().items()}
    for where, env in sources.items():
        for key in env:
            for prefix, names in fields.items():
                if key.startswith(prefix):
                    assert key in names, f"{where}: {key} is not a field of {prefix}Settings"


def test_env_values_are_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for service in services().values():
        if not is_app_service(service):
            continue
        for prefix in SETTINGS_CLASSES:
            if any(key.startswith(prefix) for key in environment(service)):
                with monkeypatch.context() as m:
                    settings_for(service, prefix, m)  # raises on an invalid value


def test_servers_bind_all_interfaces_and_ports_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    host_ports: list[int] = []  # 0.0.0.0:P and 127.0.0.1:P collide as well
    for name, service in services().items():
        host_ports += [port for _, port, _ in published_ports(service) if port]
        kind = server_kind(service)
        if kind is None:
            continue
        prefix, health_path = SERVERS[kind]
        with monkeypatch.context() as m:
            settings = settings_for(service, prefix, m)
        assert environment(service).get(prefix + "HOST") == "0.0.0.0", name
        assert prefix + "PORT" in environment(service), f"{name}: set {prefix}PORT explicitly"
        assert settings.host == "0.0.0.0", name
        host, port, path = healthcheck_url(service)
        assert host in ("127.0.0.1", "localhost"), name
        assert (port, path) == (settings.port, health_path), f"{name}: healthcheck {port}{path}"
        for _, _, container_port in published_ports(service):
            assert container_port == settings.port, f"{name}: publishes {container_port}"
        for exposed in service.get("expose") or []:
            assert int(str(exposed).split("/")[0]) == settings.port, f"{name}: exposes {exposed}"
    assert len(host_ports) == len(set(host_ports)), f"host ports collide: {host_ports}"
    for replica in services_running(("case-api", "serve")).values():
        assert not published_ports(replica), "replicas sit behind the proxy, unpublished"


def test_proxy_upstreams_are_the_replicas(monkeypatch: pytest.MonkeyPatch) -> None:
    proxy_name, proxy = proxy_service()
    _, text = nginx_config()
    upstreams = nginx_upstreams(text)
    assert upstreams, "no upstream block"
    replicas = services_running(("case-api", "serve"))
    seen = set()
    for servers in upstreams.values():
        for host, port, params in servers:
            assert host in replicas, f"upstream server {host} is not a case-api service"
            with monkeypatch.context() as m:
                assert port == settings_for(replicas[host], "CASE_API_", m).port, host
            if "resolve" in params:
                assert re.search(r"^\s*resolver\s", text, re.M), "`resolve` needs a resolver"
            seen.add(host)
    assert seen == set(replicas), f"replicas missing from the upstream: {set(replicas) - seen}"
    for target in re.findall(r"proxy_pass\s+https?://([\w.\-]+)", strip_nginx_comments(text)):
        assert target in upstreams, f"proxy_pass to unknown upstream {target}"
    listen = nginx_listen_ports(strip_nginx_comments(text))
    assert listen, "nginx listens nowhere"
    published = published_ports(proxy)
    assert published, f"{proxy_name} publishes no port"
    for _, _, container_port in published:
        assert container_port in listen, f"{proxy_name} publishes {container_port}, not {listen}"
    assert healthcheck_url(proxy)[1] in listen
    depends = proxy.get("depends_on") or {}
    assert all(depends.get(r, {}).get("condition") == "service_healthy" for r in replicas)


def test_proxy_never_counts_a_lost_documents_503_against_the_replicas() -> None:
    """Both replicas read one document store, so a cited blob gone from it answers 503 on
    both; were that retried and counted (max_fails), a few downloads would take every
    replica out of the upstream. nginx picks the first regex location matching the URI."""
    text = strip_nginx_comments(nginx_config()[1])
    download = f"/v1/cases/{'0' * 8}-0000-0000-0000-{'0' * 12}/documents/{'ab' * 32}"
    blocks = re.findall(r"location\s+~\s+(\S+)\s*\{([^}]*)\}", text)
    matching = [body for pattern, body in blocks if re.search(pattern, download)]
    assert matching, "no location of its own for document downloads"
    retry = re.search(r"proxy_next_upstream\s+([^;]*);", matching[0])
    assert retry is not None and "http_503" not in retry[1].split(), retry
    listing = re.sub(r"/documents/.*", "/documents", download)
    assert not any(re.search(pattern, listing) for pattern, _ in blocks)


def test_notifier_reaches_case_api_and_its_database(monkeypatch: pytest.MonkeyPatch) -> None:
    [(name, notifier)] = services_running(("notifier", "run")).items()
    with monkeypatch.context() as m:
        settings = settings_for(notifier, "NOTIFIER_", m)
    url = urlsplit(settings.case_api_url)
    assert url.hostname in services(), f"{name}: {settings.case_api_url} names no service"
    target = services()[url.hostname]
    if server_kind(target) == ("case-api", "serve"):
        with monkeypatch.context() as m:
            assert url.port == settings_for(target, "CASE_API_", m).port
    else:
        proxy_name, _ = proxy_service()
        assert url.hostname == proxy_name
        assert url.port in nginx_listen_ports(strip_nginx_comments(nginx_config()[1]))
    assert settings.case_api_token.get_secret_value() == dummy_value("NOTIFIER_CASE_API_TOKEN")
    driver = create_engine(settings.database_url).dialect.driver
    assert driver == "psycopg", f"{name}: psycopg 3 is the only driver installed, not {driver}"


def test_databases_are_the_postgres_service(monkeypatch: pytest.MonkeyPatch) -> None:
    from case_api.platform.db import make_engine
    from case_api.platform.eventstore import store_env

    roles, databases = postgres_roles_and_databases()
    postgres_env = environment(services()[POSTGRES_SERVICE])
    used: dict[str, set[str]] = {}
    for name, service in services().items():
        for key, value in environment(service).items():
            if key not in DATABASE_SETTINGS:
                continue
            url = make_url(value)
            assert url.get_backend_name() == "postgresql", f"{name}: {key}"
            assert (url.host, url.port or 5432) == (POSTGRES_SERVICE, 5432), f"{name}: {key}"
            assert url.database in databases, f"{name}: {key}: no database {url.database}"
            assert databases[url.database] == url.username, f"{name}: {key}: owner"
            assert url.username in roles, f"{name}: {key}: no role {url.username}"
            assert url.password == postgres_env.get(roles[url.username]), f"{name}: {key}"
            used.setdefault(key.split("_")[0], set()).add(url.database)
            if key.startswith("CASE_API_"):
                assert make_engine(value).dialect.driver == "psycopg"
    assert used["CASE"].isdisjoint(used["NOTIFIER"]), "the notifier needs its own database"
    for name, service in services_running(("case-api", "serve")).items():
        with monkeypatch.context() as m:
            settings = settings_for(service, "CASE_API_", m)
        store = store_env(settings)
        assert store["PERSISTENCE_MODULE"] == "eventsourcing.postgres", name
        assert store["POSTGRES_HOST"] == POSTGRES_SERVICE, name
        assert settings.readmodel_url.startswith("postgresql"), name


def test_replicas_share_one_document_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document uploaded through one replica is cited through the other: both must name
    the same store, and a local one must live on a volume both mount (not in a container)."""
    replicas = services_running(("case-api", "serve"))
    assert len(replicas) >= 2
    urls = set()
    for service in replicas.values():
        with monkeypatch.context() as m:
            urls.add(settings_for(service, "CASE_API_", m).document_store_url)
    assert len(urls) == 1, urls
    url = urls.pop()
    if url.startswith("file:"):
        path = PurePosixPath(url.removeprefix("file:"))
        assert path.is_absolute(), f"{url}: relative to the container's working directory"
        named = set(raw_compose().get("volumes") or {})
        sources = set()
        for name, service in replicas.items():
            mounts = [v.split(":") for v in service.get("volumes", []) if isinstance(v, str)]
            covering = [
                src for src, target, *_ in mounts if path.is_relative_to(PurePosixPath(target))
            ]
            assert covering and covering[0] in named, f"{name}: {path} is on no named volume"
            sources.add(covering[0])
        assert len(sources) == 1, f"the replicas mount different volumes: {sources}"
        owned = [
            rest
            for keyword, rest in dockerfile_instructions()
            if keyword == "RUN" and str(path) in rest and "chown" in rest
        ]
        assert owned, f"the image does not create {path} for the app user"


def test_depends_on_conditions() -> None:
    all_services = services()
    for name, service in all_services.items():
        depends = service.get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: depends_on needs conditions"
        for target, spec in depends.items():
            assert target in all_services, f"{name} depends on unknown {target}"
            condition = spec.get("condition")
            if target == "migrate":
                assert condition == "service_completed_successfully", f"{name} -> {target}"
            elif target == POSTGRES_SERVICE or condition == "service_healthy":
                assert condition == "service_healthy", f"{name} -> {target}"
                assert "healthcheck" in all_services[target], f"{target} has no healthcheck"
        uses_database = DATABASE_SETTINGS & set(environment(service))
        if uses_database:
            assert depends.get(POSTGRES_SERVICE, {}).get("condition") == "service_healthy", name
            if name != "migrate":
                assert "migrate" in depends, f"{name} must wait for the migrations"
        if service.get("restart") != "no" and name != "migrate":
            assert service.get("restart") in ("always", "unless-stopped"), name
    assert all_services["migrate"].get("restart") == "no"
    [notifier] = services_running(("notifier", "run")).values()
    for replica in services_running(("case-api", "serve")):
        condition = notifier["depends_on"].get(replica, {}).get("condition")
        assert condition == "service_healthy", f"notifier -> {replica}: {condition}"
    condition = notifier["depends_on"].get("migrate", {}).get("condition")
    assert condition == "service_completed_successfully", f"notifier -> migrate: {condition}"


def test_secrets_come_from_required_variables() -> None:
    required = required_variables()
    assert {"CASE_API_TOKEN_SECRET", "NOTIFIER_CASE_API_TOKEN"} <= required
    for name, service in raw_compose()["services"].items():
        for key, value in environment(service).items():
            if SECRET_NAME.search(key) or key in DATABASE_SETTINGS:
                if key in DATABASE_SETTINGS and "@" not in value:
                    continue
                refs = [m for m in _VAR.finditer(value) if m["name"]]
                assert refs and all(m["op"] == ":?" for m in refs), f"{name}: {key} = {value}"
    from case_api.platform.settings import DEV_SECRET

    assert DEV_SECRET not in COMPOSE_FILE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^(\w+)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M))
    assert required <= listed, f"not in deploy/env.example: {required - listed}"


def test_postgres_service() -> None:
    postgres = services()[POSTGRES_SERVICE]
    volumes = [
        v if isinstance(v, str) else f"{v['source']}:{v['target']}" for v in postgres["volumes"]
    ]
    assert any(v.split(":")[1] == "/var/lib/postgresql/data" for v in volumes), "no data volume"
    test = postgres["healthcheck"]["test"]
    argv = test[1:] if test[0] == "CMD" else shlex.split(test[-1])
    # Over TCP: during initialisation the server listens on its Unix socket only.
    assert argv[0] == "pg_isready" and "-h" in argv, test
    postgres_env = environment(postgres)
    roles, _ = postgres_roles_and_databases()
    for role, variable in roles.items():
        assert postgres_env.get(variable), f"postgres gets no {variable} for role {role}"
    for script in postgres_init_scripts():
        if script.suffix == ".sh":
            assert os.access(script, os.X_OK) or script.read_text().startswith("#!"), script


def test_dockerfile_builds_the_layout_migrate_expects() -> None:
    instructions = dockerfile_instructions()
    bases = [rest for keyword, rest in instructions if keyword == "FROM"]
    assert bases and bases[-1].split()[0] == "python:3.11-slim", bases
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "runs as root"
    for source, _, _ in dockerfile_copies():
        assert (ROOT / source).exists(), f"COPY source {source} is not in the repository"
    # case_api.platform.migrate.ROOT = parents[4] of migrate.py must hold alembic.ini and
    # migrations/ (notifier.platform.migrate does the same).
    migrate_py = image_path_of("services/case-api/case_api/platform/migrate.py")
    assert migrate_py is not None, "migrate.py is not copied into the image"
    image_root = migrate_py.parents[4]
    assert image_path_of("alembic.ini") == image_root / "alembic.ini"
    for tree in ("case_api", "notifier"):
        env_py = f"migrations/{tree}/env.py"
        assert (ROOT / env_py).is_file(), f"{env_py} is missing"
        assert image_path_of(env_py) == image_root / env_py
    notifier_migrate = "services/notifier/notifier/platform/migrate.py"
    assert image_path_of(notifier_migrate) == image_root / notifier_migrate
    assert image_path_of("pyproject.toml") == image_root / "pyproject.toml"
    with (ROOT / "pyproject.toml").open("rb") as f:
        package_dirs = tomllib.load(f)["tool"]["setuptools"]["packages"]["find"]["where"]
    for where in package_dirs:
        some_file = next(p for p in repo_files(ROOT / where) if p.suffix == ".py")
        relative = some_file.relative_to(ROOT).as_posix()
        assert image_path_of(relative) == image_root / relative, f"{relative} moves in the image"
    # ... and the project must be installed from there in editable mode, or ROOT would be
    # a directory of site-packages.
    workdir, editable_from = PurePosixPath("/"), None
    for keyword, rest in instructions:
        if keyword == "WORKDIR":
            workdir = workdir / rest
        elif keyword == "RUN" and (
            m := re.search(r"pip install[^&;]*(?:-e|--editable)\s+(\S+)", rest)
        ):
            editable_from = PurePosixPath(os.path.normpath(workdir / m[1]))
    assert editable_from == image_root, f"editable install from {editable_from}, not {image_root}"
    env = dockerfile_env()
    assert env.get("CASE_API_HOST") == env.get("NOTIFIER_HOST") == "0.0.0.0"


def test_dockerignore_keeps_sources_in_and_local_state_out() -> None:
    for source, _, _ in dockerfile_copies():
        for path in repo_files(ROOT / source):
            relative = path.relative_to(ROOT).as_posix()
            assert not dockerignored(relative), f"{relative} is copied but .dockerignore drops it"
    for private in (".env", "var/case-api/events.db", ".venv/bin/python", ".git/HEAD", "tests"):
        assert dockerignored(private), f"{private} would be sent to the build"
    assert dockerignored("services/case-api/case_api/__pycache__/cli.cpython-311.pyc")


def test_docker_compose_config() -> None:
    if shutil.which("docker") is None:
        skip_with_reason("no docker client here: `docker compose config` not run")
    version = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, text=True, timeout=30
    )
    if version.returncode != 0:
        skip_with_reason(
            "`docker compose version` fails here: `docker compose config` not run "
            f"({(version.stderr or version.stdout).strip().splitlines()[0]})"
        )
    env = {**os.environ, **{name: dummy_value(name) for name in required_variables()}}
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE_FILE), "config", "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_replicas_believe_forwarded_headers_from_the_proxy_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rate limits count anonymous callers by address: behind nginx that address is the one
    nginx appends to X-Forwarded-For, believed from the proxy's fixed address alone."""
    _, proxy = proxy_service()
    address = proxy["networks"]["default"]["ipv4_address"]
    subnets = [c["subnet"] for c in compose()["networks"]["default"]["ipam"]["config"]]
    assert any(ipaddress.ip_address(address) in ipaddress.ip_network(s) for s in subnets)
    for name, replica in services_running(("case-api", "serve")).items():
        with monkeypatch.context() as m:
            trusted = settings_for(replica, "CASE_API_", m).forwarded_allow_ips
        assert trusted == address, f"{name} trusts {trusted}, the proxy is {address}"
    text = strip_nginx_comments(nginx_config()[1])
    assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for;", text)
