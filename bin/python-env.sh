# Sourced by bin/test: makes the Python side ready. Creates .venv at the repository root with a
# Python >= 3.11 (python3.11, else python3), installs python-bindings/python/requirements.txt (pinned)
# and the hepgraph package (editable), and reuses the venv while that file is unchanged (its sha256
# is kept in .venv/.hepgraph-requirements.sha256). Sets HEPGRAPH_PYTHON to the venv's python.
hepgraph_python_setup() {
  local root="$1" req="$1/python-bindings/python/requirements.txt" venv="$1/.venv"
  local stamp="$venv/.hepgraph-requirements.sha256" want py=""
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    HEPGRAPH_PYTHON="$venv/bin/python"
    export HEPGRAPH_PYTHON
    return 0
  fi
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      py="$(command -v "$candidate")"
      break
    fi
  done
  if [ -z "$py" ]; then
    echo "hepgraph: the Python tests need Python 3.11 or newer (python3.11 or python3); found" \
      "$(python3 --version 2>&1 || echo 'no python3'). Install Python 3.11 and run bin/test again." >&2
    return 1
  fi
  echo "== Python: creating $venv with $("$py" --version) from $req (pinned; first time takes a few minutes)"
  rm -rf "$venv"
  "$py" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r "$req"
  "$venv/bin/python" -m pip install -q --no-deps -e "$root/python-bindings/python"
  echo "$want" >"$stamp"
  HEPGRAPH_PYTHON="$venv/bin/python"
  export HEPGRAPH_PYTHON
}
