#!/usr/bin/env python3
"""Regions split across processes agree with one process serving them all.

Starts `mock-gc serve --regions A` and `mock-gc serve --regions B` (disjoint halves of one scenario and seed)
and `mock-gc serve` with every region, runs gc-hub's workflows once against the two processes (one ORGS.json
merged from both) and once against the single process, and requires the same output: ids, bi-regional people,
activity codes, volume and time off agree although the two processes never talk to each other.
Also checks what a split process must refuse: the other half's region by Host header and its credentials.

usage: split_regions_test.py MOCK_GC GC_HUB SCENARIO WORKDIR
"""
import base64
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

SEED = "11"


def serve(mock_gc, scenario, orgs_file, regions=None):
    # The scenario's clock is virtual (it stands still); --speed runs it, so the imports gc-hub forecast
    # makes complete as they would on Genesys, seconds after their 202.
    cmd = [mock_gc, "serve", "--scenario", scenario, "--seed", SEED, "--port", "0", "--write-orgs", orgs_file,
           "--speed", "60"]
    if regions:
        cmd += ["--regions", ",".join(regions)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = []
    for line in proc.stdout:
        banner.append(line.rstrip("\n"))
        if line.strip() == "ready":
            return proc, banner
    raise SystemExit(f"mock-gc did not start: {proc.stderr.read()}")


def shared_url(banner):
    for line in banner:
        if line.startswith("shared url="):
            return line.split()[1][len("url="):]
    raise SystemExit("no shared url in the banner")


def get(url, headers=None, data=None):
    req = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def expect(condition, message):
    if not condition:
        raise SystemExit("FAIL: " + message)


def run_workflows(gc_hub, orgs, source_region, outdir):
    out = {}
    commands = {
        "volume": ["volume", "--orgs", orgs, "--weeks", "2", "--end", "2026-01-12T00:00:00Z"],
        "sync-codes": ["sync-codes", "--orgs", orgs, "--source", source_region, "--dry-run"],
        "timeoff": ["timeoff", "--orgs", orgs, "--week", "2026-01-12"],
        "forecast": ["forecast", "--orgs", orgs, "--week", "2026-01-12", "--output-dir", outdir],
    }
    for name, args in commands.items():
        res = subprocess.run([gc_hub, *args], capture_output=True, text=True, timeout=300)
        expect(res.returncode == 0, f"gc-hub {name} failed ({res.returncode}): {res.stderr}")
        out[name] = res.stdout
    return out


def main():
    mock_gc, gc_hub, scenario, workdir = sys.argv[1:5]
    os.makedirs(workdir, exist_ok=True)
    single_orgs = os.path.join(workdir, "single.json")
    single, single_banner = serve(mock_gc, scenario, single_orgs)
    procs = [single]
    try:
        regions = [o["region"] for o in json.load(open(single_orgs))["orgs"]]
        expect(len(regions) >= 2, f"the scenario needs two regions or more, has {regions}")
        half = len(regions) // 2
        groups = [regions[:half], regions[half:]]
        split_orgs = []
        banners = []
        for i, group in enumerate(groups):
            path = os.path.join(workdir, f"split{i}.json")
            proc, banner = serve(mock_gc, scenario, path, group)
            procs.append(proc)
            banners.append(banner)
            orgs = json.load(open(path))["orgs"]
            expect([o["region"] for o in orgs] == group, f"process {i} serves {orgs}, asked for {group}")
            split_orgs += orgs
        merged = os.path.join(workdir, "split.json")
        json.dump({"orgs": split_orgs}, open(merged, "w"), indent=2)

        # The same credentials and ids everywhere: the world is a function of seed + scenario.
        single_by_region = {o["region"]: o for o in json.load(open(single_orgs))["orgs"]}
        for o in split_orgs:
            s = single_by_region[o["region"]]
            expect((o["client_id"], o["client_secret"]) == (s["client_id"], s["client_secret"]),
                   f"{o['region']}: credentials differ between the split and the single process")

        # Health: served regions only, no credentials needed.
        status, body = get(shared_url(banners[0]) + "/mockgc/health")
        expect(status == 200 and json.loads(body)["regions"] == groups[0], f"health of process 0: {status} {body}")

        # The other half is not part of a split process: by its credentials nor by its Host header.
        other = next(o for o in split_orgs if o["region"] == groups[1][0])
        basic = base64.b64encode(f"{other['client_id']}:{other['client_secret']}".encode()).decode()
        status, body = get(shared_url(banners[0]) + "/oauth/token",
                           {"Authorization": "Basic " + basic,
                            "Content-Type": "application/x-www-form-urlencoded"},
                           b"grant_type=client_credentials")
        expect(status in (400, 401), f"process 0 accepted {other['region']}'s credentials: {status} {body}")

        split_out = run_workflows(gc_hub, merged, regions[0], os.path.join(workdir, "forecast-split"))
        single_out = run_workflows(gc_hub, single_orgs, regions[0], os.path.join(workdir, "forecast-single"))
        for name in single_out:
            split_text = split_out[name].replace(merged, "ORGS")
            single_text = single_out[name].replace(single_orgs, "ORGS")
            for key in ("forecast-split", "forecast-single"):
                split_text = split_text.replace(key, "OUT")
                single_text = single_text.replace(key, "OUT")
            expect(split_text == single_text,
                   f"gc-hub {name} differs between split and single processes:\n--- split\n{split_text}\n"
                   f"--- single\n{single_text}")
        print(f"ok: {len(single_out)} workflows agree across {groups} and one process")
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)


if __name__ == "__main__":
    main()
