import tomllib, pathlib, re, sys
root = pathlib.Path('/work/main/benches/search/holdout/kb')
manuals = {re.sub(r'\s*>\s*', ' > ', m['path'].strip()) for m in tomllib.load(open(root/'manuals.toml','rb'))['manual']}
tomllib.load(open(root/'sopbook.toml','rb'))
procs = {}
errs = []
TOP = {'title','section','summary','owner','updated','review_months','tags','start','steps'}
STEPK = {'title','text','note','warning','see','image','next','branches','end','to','sla','via','fields'}
for f in sorted((root/'procedures').rglob('*.toml')):
    slug = str(f.relative_to(root/'procedures'))[:-5]
    try: d = tomllib.load(open(f,'rb'))
    except Exception as e: errs.append(f'{slug}: parse {e}'); continue
    procs[slug] = d
    for k in d:
        if k not in TOP: errs.append(f'{slug}: unknown key {k}')
    for k in ('title','section','summary','owner','updated','tags','steps'):
        if k not in d: errs.append(f'{slug}: missing {k}')
bc = {}
for slug,d in procs.items():
    b = re.sub(r'\s*>\s*', ' > ', d['section'].strip()) + ' > ' + d['title']
    if b in bc: errs.append(f'dup breadcrumb {b}')
    bc[b] = slug
def resolve(ref, slug):
    target, _, step = ref.partition('#')
    target = target.split('|')[0]; step = step.split('|')[0]
    if target == '':
        return step in procs[slug]['steps']
    t = re.sub(r'\s*>\s*', ' > ', target.strip())
    if t in bc:
        return (not step) or step in procs[bc[t]]['steps']
    return t in manuals and not step
for slug,d in procs.items():
    steps = d['steps']; ids = list(steps)
    nsteps = len(ids)
    if not (3 <= nsteps <= 12): errs.append(f'{slug}: {nsteps} steps')
    for sid,s in steps.items():
        if not re.fullmatch(r'[a-z0-9-]+', sid): errs.append(f'{slug}: bad id {sid}')
        for k in s:
            if k not in STEPK: errs.append(f'{slug}.{sid}: unknown key {k}')
        kinds = [k for k in ('next','branches','end') if k in s]
        if len(kinds)!=1: errs.append(f'{slug}.{sid}: kinds {kinds}')
        if 'next' in s and s['next'] not in steps: errs.append(f'{slug}.{sid}: next {s["next"]}')
        if 'branches' in s:
            if len(s['branches'])<2: errs.append(f'{slug}.{sid}: single branch')
            whens=[b['when'] for b in s['branches']]
            if len(set(whens))!=len(whens): errs.append(f'{slug}.{sid}: dup branch')
            for b in s['branches']:
                if b['next'] not in steps: errs.append(f'{slug}.{sid}: branch {b["next"]}')
        if s.get('end')=='escalation':
            if 'to' not in s or not re.fullmatch(r'\d+(h|d|du)', s.get('sla','')): errs.append(f'{slug}.{sid}: escalation incomplete')
        elif 'end' in s and s['end']!='resolution': errs.append(f'{slug}.{sid}: end {s["end"]}')
        for k in ('text','note','warning'):
            for ref in re.findall(r'\[\[(.+?)\]\]', s.get(k,'')):
                if not resolve(ref, slug): errs.append(f'{slug}.{sid}: broken ref {ref}')
        for ref in s.get('see',[]) + ([s['via']] if 'via' in s else []):
            if not resolve(ref, slug): errs.append(f'{slug}.{sid}: broken see/via {ref}')
    start = d.get('start', ids[0])
    # reachability
    def succ(sid):
        s=steps[sid]
        if 'next' in s: return [s['next']]
        if 'branches' in s: return [b['next'] for b in s['branches']]
        return []
    seen={start}; st=[start]
    while st:
        x=st.pop()
        for y in succ(x):
            if y in steps and y not in seen: seen.add(y); st.append(y)
    for sid in ids:
        if sid not in seen: errs.append(f'{slug}: unreachable {sid}')
    # no-exit
    good={sid for sid in ids if 'end' in steps[sid]}
    ch=True
    while ch:
        ch=False
        for sid in ids:
            if sid not in good and any(y in good for y in succ(sid)): good.add(sid); ch=True
    for sid in ids:
        if sid not in good: errs.append(f'{slug}: no-exit {sid}')
    if not any('branches' in s for s in steps.values()): errs.append(f'{slug}: no decision')
    if not any('end' in s for s in steps.values()): errs.append(f'{slug}: no terminal')
print(len(procs), 'procedures'); print('\n'.join(errs) or 'OK')
