"""PyTorch CPU twins of the trainer's presets, timed one training step at a time (bench/train.ts runs this).

Usage: python3 bench/torchTrainPeer.py REQUEST.json
REQUEST: {"threads", "warmup", "repeats", "lr", "weightDecay", "clipNorm", "batches": [{"inputs", "labels",
  "seqLen"}], "presets": [{"preset", "config", "specs": [[name, shape, noWeightDecay]], "params": {name: [floats]}}]}
Prints one JSON line per preset on stdout: {"preset", "ms", "params", "loss0"} — or {"preset", "ms": null,
"reason"} for a preset without a twin here — after a first line {"torch", "threads", "blas"} (or {"error"} when
torch does not import). Everything else goes to stderr.

The model is the shell of simulations/training/trainingModel.ts, written as a PyTorch user would: token embedding
(+ learned positions), per layer r += mixer(norm1(r)) then r += mlp(norm2(r)) or, with Zoology's residual quirk
and no MLP, r += norm2(r); final norm on the labelled rows only, tied LM head, cross-entropy, AdamW (no weight decay
on the parameters our specs exempt), global-norm clipping. Mixers with a twin: softmax attention (full or sliding
window, learned or no positions), Mamba (a sequential selective scan over T, as mamba-minimal writes it, but over
unbind()'s views: indexing [:, t] makes autograd zero-fill the whole tensor per step) and Hawk's RG-LRU block;
MLPs 'mlp' (GELU) and 'glu' (SwiGLU). The twin loads our initial weights (Linear weights transposed: ours are
[in, out]), so its first loss must equal ours: bench/train.ts prints both.
"""

import json
import math
import os
import sys
import time


def blas_library():
    """The BLAS shared library this process mapped (Debian's torch uses whatever libblas.so.3 points to)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "unknown"
    except OSError:
        return "unknown"


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    try:
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
    except Exception as error:  # noqa: BLE001 - any import failure means: no peer here
        print(json.dumps({"error": f"import torch failed: {error!r}"}), flush=True)
        return

    torch.set_num_threads(request["threads"])
    torch.manual_seed(0)
    print(
        json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library()}),
        flush=True,
    )

    class RMSNorm(nn.Module):
        def __init__(self, d, eps=1e-6):
            super().__init__()
            self.weight = nn.Parameter(torch.ones(d))
            self.eps = eps

        def forward(self, x):
            return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight

    def make_norm(config):
        d = config["dModel"]
        return nn.LayerNorm(d, eps=1e-5) if config["norm"] == "layernorm" else RMSNorm(d)

    def causal_conv(conv, x):
        """Depthwise causal conv over time of x [B, T, C] (padding K−1, first T outputs)."""
        return conv(x.transpose(1, 2))[..., : x.shape[1]].transpose(1, 2)

    class Attention(nn.Module):
        def __init__(self, d, heads, window, max_len):
            super().__init__()
            self.heads = heads
            self.qkv = nn.Linear(d, 3 * d)
            self.out = nn.Linear(d, d)
            i = torch.arange(max_len)
            allowed = i[None, :] <= i[:, None]
            if window is not None:
                allowed &= i[None, :] >= i[:, None] - window
            self.register_buffer("masked", ~allowed)

        def forward(self, x):
            B, T, d = x.shape
            H = self.heads
            q, k, v = self.qkv(x).split(d, dim=-1)
            q, k, v = (t.view(B, T, H, d // H).transpose(1, 2) for t in (q, k, v))
            scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // H)
            scores = scores.masked_fill(self.masked[:T, :T], float("-inf"))
            y = torch.softmax(scores, dim=-1) @ v
            return self.out(y.transpose(1, 2).reshape(B, T, d))

        def ours(self):
            return {
                "W_qkv": (self.qkv.weight, True),
                "b_qkv": (self.qkv.bias, False),
                "W_o": (self.out.weight, True),
                "b_o": (self.out.bias, False),
            }

    class Mamba(nn.Module):
        def __init__(self, d, d_state, d_conv=4, expand=2):
            super().__init__()
            di = expand * d
            self.dt_rank = math.ceil(d / 16)
            self.d_state = d_state
            self.in_proj = nn.Linear(d, 2 * di, bias=False)
            self.conv1d = nn.Conv1d(di, di, d_conv, groups=di, padding=d_conv - 1)
            self.x_proj = nn.Linear(di, self.dt_rank + 2 * d_state, bias=False)
            self.dt_proj = nn.Linear(self.dt_rank, di)
            self.A_log = nn.Parameter(torch.zeros(di, d_state))
            self.D = nn.Parameter(torch.ones(di))
            self.out_proj = nn.Linear(di, d, bias=False)

        def forward(self, u):
            x, z = self.in_proj(u).chunk(2, dim=-1)
            x = F.silu(causal_conv(self.conv1d, x))
            dt, Bm, Cm = self.x_proj(x).split([self.dt_rank, self.d_state, self.d_state], dim=-1)
            delta = F.softplus(self.dt_proj(dt))
            A = -torch.exp(self.A_log)
            # Sequential selective scan (Euler B̄ = Δ·B), one time step at a time. unbind, not [:, t]: the backward
            # of each [:, t] would scatter into a zeroed copy of the whole [B, T, di, N] tensor (T² work).
            deltaA = torch.exp(delta.unsqueeze(-1) * A).unbind(1)  # T × [B, di, N]
            deltaBx = (delta.unsqueeze(-1) * Bm.unsqueeze(2) * x.unsqueeze(-1)).unbind(1)
            Cs = Cm.unbind(1)
            h = torch.zeros_like(deltaA[0])
            ys = []
            for t in range(u.shape[1]):
                h = deltaA[t] * h + deltaBx[t]
                ys.append(torch.einsum("bdn,bn->bd", h, Cs[t]))
            y = torch.stack(ys, dim=1) + x * self.D
            return self.out_proj(y * F.silu(z))

        def ours(self):
            return {
                "W_in": (self.in_proj.weight, True),
                "conv_weight": (self.conv1d.weight, False),
                "conv_bias": (self.conv1d.bias, False),
                "W_x": (self.x_proj.weight, True),
                "W_dt": (self.dt_proj.weight, True),
                "b_dt": (self.dt_proj.bias, False),
                "A_log": (self.A_log, False),
                "D": (self.D, False),
                "W_out": (self.out_proj.weight, True),
            }

    class RGLRU(nn.Module):
        """Hawk's recurrent block: GELU branch × RG-LRU(conv(W_x u)), as simulations/training/mixers/rgLru.ts."""

        c = 8.0

        def __init__(self, d, d_conv=4):
            super().__init__()
            self.W_y = nn.Linear(d, d)
            self.W_x = nn.Linear(d, d)
            self.conv1d = nn.Conv1d(d, d, d_conv, groups=d, padding=d_conv - 1)
            self.W_a = nn.Linear(d, d)
            self.W_i = nn.Linear(d, d)
            self.Lambda = nn.Parameter(torch.zeros(d))
            self.W_o = nn.Linear(d, d)

        def forward(self, u):
            branch = F.gelu(self.W_y(u))
            x = causal_conv(self.conv1d, self.W_x(u))
            r = torch.sigmoid(self.W_a(x))
            i = torch.sigmoid(self.W_i(x))
            a = torch.exp(-self.c * r * F.softplus(self.Lambda))
            gated = i * x
            # √(1 − a²) scales the input from the second step on (the first step's state is its input).
            scaled = torch.cat([gated[:, :1], gated[:, 1:] * torch.sqrt(1 - a[:, 1:] ** 2)], dim=1)
            a, scaled = a.unbind(1), scaled.unbind(1)
            h = torch.zeros_like(scaled[0])
            hs = []
            for t in range(u.shape[1]):
                h = a[t] * h + scaled[t]
                hs.append(h)
            return self.W_o(torch.stack(hs, dim=1) * branch)

        def ours(self):
            names = {}
            for name in ("W_y", "W_x", "W_a", "W_i", "W_o"):
                linear = getattr(self, name)
                names[name] = (linear.weight, True)
                names["b_" + name[2:]] = (linear.bias, False)
            names["conv_weight"] = (self.conv1d.weight, False)
            names["conv_bias"] = (self.conv1d.bias, False)
            names["Lambda"] = (self.Lambda, False)
            return names

    class MLP(nn.Module):
        def __init__(self, d, e, kind):
            super().__init__()
            self.kind = kind
            self.e = e
            self.W_in = nn.Linear(d, 2 * e if kind == "glu" else e)
            self.W_out = nn.Linear(e, d)

        def forward(self, x):
            hidden = self.W_in(x)
            if self.kind == "glu":
                act = hidden[..., : self.e] * F.silu(hidden[..., self.e :])
            else:
                act = F.gelu(hidden)
            return self.W_out(act)

        def ours(self):
            return {
                "W_in": (self.W_in.weight, True),
                "b_in": (self.W_in.bias, False),
                "W_out": (self.W_out.weight, True),
                "b_out": (self.W_out.bias, False),
            }

    def make_mixer(spec, config):
        kind = spec["kind"]
        d = config["dModel"]
        if kind in ("attention", "slidingWindow"):
            if spec.get("positional") == "rope":
                raise NotImplementedError("no PyTorch twin of RoPE attention here")
            mask = spec.get("mask")
            if mask and mask.get("kind") != "full":
                raise NotImplementedError(f"no PyTorch twin of the '{mask.get('kind')}' attention mask")
            window = spec["window"] if kind == "slidingWindow" else None
            return Attention(d, spec.get("heads", 1), window, config["maxSeqLen"])
        if kind == "mamba":
            return Mamba(d, spec.get("dState", 16))
        if kind == "rglru":
            return RGLRU(d)
        raise NotImplementedError(f"no PyTorch twin of the '{kind}' mixer")

    class Block(nn.Module):
        def __init__(self, layer, config):
            super().__init__()
            d = config["dModel"]
            self.norm1 = make_norm(config)
            self.mixer = make_mixer(layer["mixer"], config)
            kind = layer["mlp"]
            if kind not in ("none", "mlp", "glu"):
                raise NotImplementedError(f"no PyTorch twin of the '{kind}' MLP")
            self.mlp = MLP(d, config.get("mlpExpansion", 4) * d, kind) if kind != "none" else None
            self.quirk = kind == "none" and bool(config.get("zoologyResidualQuirk"))
            self.norm2 = make_norm(config) if self.mlp is not None or self.quirk else None

        def forward(self, r):
            r = r + self.mixer(self.norm1(r))
            if self.mlp is not None:
                r = r + self.mlp(self.norm2(r))
            elif self.quirk:
                r = r + self.norm2(r)
            return r

    class Shell(nn.Module):
        def __init__(self, config):
            super().__init__()
            d = config["dModel"]
            self.d = d
            self.embed = nn.Embedding(config["vocabSize"], d)
            self.pos = nn.Embedding(config["maxSeqLen"], d) if config["positional"] == "learned" else None
            if config["positional"] not in ("learned", "none"):
                raise NotImplementedError(f"no PyTorch twin of '{config['positional']}' positions")
            self.layers = nn.ModuleList(Block(layer, config) for layer in config["layers"])
            self.norm_f = make_norm(config)

        def forward(self, inputs, rows, targets):
            T = inputs.shape[1]
            r = self.embed(inputs)
            if self.pos is not None:
                r = r + self.pos.weight[:T]
            for layer in self.layers:
                r = layer(r)
            hidden = self.norm_f(r.reshape(-1, self.d)[rows])
            logits = hidden @ self.embed.weight.T  # tied LM head
            return F.cross_entropy(logits, targets)

        def ours(self):
            """Our parameter name → (this model's parameter, stored transposed?)."""
            names = {"embed.weight": (self.embed.weight, False)}
            if self.pos is not None:
                names["pos.weight"] = (self.pos.weight, False)

            def norm(prefix, module):
                names[f"{prefix}.weight"] = (module.weight, False)
                if isinstance(module, nn.LayerNorm):
                    names[f"{prefix}.bias"] = (module.bias, False)

            for i, block in enumerate(self.layers):
                norm(f"layers.{i}.norm1", block.norm1)
                for name, entry in block.mixer.ours().items():
                    names[f"layers.{i}.mixer.{name}"] = entry
                if block.norm2 is not None:
                    norm(f"layers.{i}.norm2", block.norm2)
                if block.mlp is not None:
                    for name, entry in block.mlp.ours().items():
                        names[f"layers.{i}.mlp.{name}"] = entry
            norm("norm_f", self.norm_f)
            return names

    def load(model, specs, params):
        names = model.ours()
        ours = {name for name, _, _ in specs}
        if set(names) != ours:
            missing = sorted(ours - set(names))
            extra = sorted(set(names) - ours)
            raise ValueError(f"parameter names differ: ours only {missing}, twin only {extra}")
        with torch.no_grad():
            for name, shape, _ in specs:
                param, transposed = names[name]
                value = torch.tensor(params[name], dtype=torch.float32)
                if transposed:
                    value = value.view(shape[0], -1).T
                param.copy_(value.reshape(param.shape))
        return names

    def time_preset(entry):
        config = entry["config"]
        model = Shell(config)
        names = load(model, entry["specs"], entry["params"])
        no_decay = {id(names[name][0]) for name, _, exempt in entry["specs"] if exempt}
        decay = [p for p in model.parameters() if id(p) not in no_decay]
        exempt = [p for p in model.parameters() if id(p) in no_decay]
        optimizer = torch.optim.AdamW(
            [{"params": decay, "weight_decay": request["weightDecay"]}, {"params": exempt, "weight_decay": 0.0}],
            lr=request["lr"],
        )
        batches = []
        for batch in request["batches"]:
            T = batch["seqLen"]
            inputs = torch.tensor(batch["inputs"], dtype=torch.long).view(-1, T)
            labels = torch.tensor(batch["labels"], dtype=torch.long)
            rows = (labels != -100).nonzero().squeeze(1)
            batches.append((inputs, rows, labels[rows]))
        with torch.no_grad():
            loss0 = model(*batches[0]).item()

        def step(i):
            optimizer.zero_grad(set_to_none=True)
            loss = model(*batches[i % len(batches)])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), request["clipNorm"])
            optimizer.step()

        start = time.perf_counter()
        step(0)
        # A slow twin (over a second a step) gets 1 warm-up step and 3 timed ones.
        slow = time.perf_counter() - start > 1.0
        for i in range(1, 1 if slow else request["warmup"]):
            step(i)
        times = []
        for i in range(3 if slow else request["repeats"]):
            start = time.perf_counter()
            step(i)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        count = sum(p.numel() for p in model.parameters())
        return {"preset": entry["preset"], "ms": times[len(times) // 2], "params": count, "loss0": loss0}

    for entry in request["presets"]:
        try:
            result = time_preset(entry)
        except (NotImplementedError, ValueError, RuntimeError) as error:
            result = {"preset": entry["preset"], "ms": None, "reason": str(error)}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
