"""Edit-to-reload latency of `sopbook serve` on a synthetic base: the time from writing one
procedure file to the server-sent `reload` event that names its page (what an open browser tab
waits for). Loopback only, bounded.

    cargo build --release --example synth
    target/release/examples/synth 10000 /dev/shm/kb10k
    python3 benches/serve_latency.py target/release/sopbook /dev/shm/kb10k 10

Edits the summary of `procedimento-00005` RUNS times (PAUSE seconds apart, default 3, so the
lists and the search index finish in between), restores it, and prints every latency and the
median, then the server's own "updated N pages in M ms" lines. It also reports whether the server
stopped within 10 s of SIGTERM with the event stream still open."""
import http.client, os, re, subprocess, sys, threading, time, queue

if len(sys.argv) != 4:
    sys.exit(__doc__)
sopbook, root, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
proc = subprocess.Popen([sopbook, "serve", root, "--port", "0"], stderr=subprocess.PIPE, text=True)
log = queue.Queue()
def pump():
    for line in proc.stderr:
        log.put((time.time(), line.rstrip()))
threading.Thread(target=pump, daemon=True).start()
url = None
deadline = time.time() + 300
while time.time() < deadline and url is None:
    t, line = log.get(timeout=300)
    m = re.search(r"(?:serving on|servindo em) http://([\d.]+):(\d+)", line)
    if m: url = (m.group(1), int(m.group(2)))
    print("serve:", line, file=sys.stderr)
events = queue.Queue()
def sse():
    c = http.client.HTTPConnection(*url, timeout=600)
    c.request("GET", "/__sopbook/events")
    r = c.getresponse()
    name = None
    while True:
        line = r.fp.readline()
        if not line: break
        line = line.decode().rstrip("\n")
        if line.startswith("event:"): name = line[6:].strip()
        elif line.startswith("data:"): events.put((time.time(), name, line[5:].strip()))
threading.Thread(target=sse, daemon=True).start()
time.sleep(2)
while not events.empty(): events.get()
path = os.path.join(root, "procedures/secao-05/sub-5/procedimento-00005.toml")
text = open(path).read()
results = []
for i in range(runs):
    new = text.replace("problema número 5,", f"problema número 5 (edição {i}),")
    t0 = time.time()
    with open(path, "w") as f: f.write(new)
    got = None
    while time.time() < t0 + 60:
        t, name, data = events.get(timeout=60)
        if name == "reload" and "procedimento-00005" in data:
            got = t; break
    results.append((got - t0) * 1000)
    # let the lists and search index finish before the next edit
    time.sleep(float(os.environ.get("PAUSE", "3")))
    while not events.empty(): events.get()
with open(path, "w") as f: f.write(text)
time.sleep(3)
results.sort()
print("edit-to-reload ms:", " ".join(f"{r:.0f}" for r in results), "median", f"{results[len(results)//2]:.0f}", flush=True)
proc.terminate()
try:
    proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    print("serve did not stop within 10 s of SIGTERM (an SSE client still connected): killed", file=sys.stderr)
    proc.kill(); proc.wait()
lines = []
while not log.empty(): lines.append(log.get()[1])
print("\n".join(l for l in lines if "updated" in l or "rebuilt" in l), file=sys.stderr)
