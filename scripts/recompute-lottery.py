#!/usr/bin/env python3
"""Recomputes a mask reservation round from its published document alone (DESIGN §5), without
any of Cordon's code: checks the revealed seed against the commitment published when the round
opened, ranks the entries by SHA-256(seed bytes + token as ASCII), and walks the ranking giving
each entry `perEntry` units while its pharmacy has that many left.

    scripts/recompute-lottery.py http://127.0.0.1:8080/open-data/mask-rounds/ROUND.json
    scripts/recompute-lottery.py round.json

Prints {"round", "entries", "winners", "commitment", "matches"}; exits 1 when anything differs.
"""
import hashlib
import json
import sys
import urllib.request


def winners(doc):
    seed = bytes.fromhex(doc["seed"])
    left = dict(doc["quantities"])
    ranked = sorted(doc["entries"], key=lambda e: hashlib.sha256(seed + e["token"].encode("ascii")).digest())
    won = []
    for entry in ranked:
        if left.get(entry["pharmacy"], 0) >= doc["perEntry"]:
            left[entry["pharmacy"]] -= doc["perEntry"]
            won.append(entry["token"])
    return won


def main():
    source = sys.argv[1]
    with (urllib.request.urlopen(source) if source.startswith("http") else open(source, "rb")) as f:
        doc = json.load(f)
    if doc["seed"] is None:
        print(json.dumps({"round": doc["round"], "error": "the seed is not revealed yet: the round has not been drawn"}))
        return 1
    commitment = hashlib.sha256(bytes.fromhex(doc["seed"])).hexdigest() == doc["commitment"]
    won = winners(doc)
    matches = commitment and won == doc["winners"]
    print(json.dumps({"round": doc["round"], "entries": len(doc["entries"]), "winners": len(won), "commitment": commitment, "matches": matches}))
    return 0 if matches else 1


if __name__ == "__main__":
    sys.exit(main())
