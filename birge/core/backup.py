"""One archive with a consistent database dump and the media files, and the way back.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL with pg_dump
in its custom format, restored with pg_restore. The archive says which engine made it."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"cannot back up a {vendor} database")
    return vendor


def _pg_env(alias: str) -> tuple[list[str], dict[str, str]]:
    params = connections[alias].settings_dict
    args = ["--dbname", params["NAME"], "--no-owner", "--no-privileges"]
    if params.get("HOST"):
        args += ["--host", params["HOST"]]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", params["USER"]]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return args, env


def _dump_database(alias: str, target: Path) -> None:
    if _engine(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return
    args, env = _pg_env(alias)
    result = subprocess.run(
        ["pg_dump", "--format=custom", "--file", str(target), *args], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


def create_backup(output: Path, *, alias: str = "default") -> Path:
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(alias)
    with tempfile.TemporaryDirectory() as workdir:
        dump = Path(workdir) / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
        _dump_database(alias, dump)
        manifest = {
            "format": FORMAT_VERSION,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
            "database_file": dump.name,
        }
        with tarfile.open(output, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for name, folder in _file_folders().items():
                if folder.is_dir():
                    archive.add(folder, arcname=name)
    return output


def _file_folders() -> dict[str, Path]:
    """The uploaded files: public media, and the private documents only permission-checked views serve."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"refusing archive member {member.name!r}")
        members.append(member)
    return members


def read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
        except KeyError:
            raise BackupError("not a Birge backup: manifest.json is missing") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unsupported backup format {manifest.get('format')!r}")
    return manifest


def restore_backup(path: Path, *, alias: str = "default") -> dict:
    """Replace the database and the media files with the archive's. The engines must match."""
    manifest = read_manifest(path)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['engine']} database; this site uses {engine}")
    with tempfile.TemporaryDirectory() as workdir, tarfile.open(path, "r:gz") as archive:
        archive.extractall(workdir, members=_safe_members(archive), filter="data")
        dump = Path(workdir) / manifest["database_file"]
        connection = connections[alias]
        if engine == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            connection.close()
            args, env = _pg_env(alias)
            result = subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--single-transaction", *args, str(dump)],
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        for name, target in _file_folders().items():
            source = Path(workdir) / name
            if source.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(source, target)
    return manifest
