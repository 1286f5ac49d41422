/**
 * Secret scrubbing for everything sent to an AI provider. Incident text is written under pressure and often holds
 * pasted tokens, keys and connection strings; each match is replaced by a numbered placeholder before the text
 * leaves the system. Deliberately broad (a false positive costs a word of context, a miss leaks a credential).
 */

interface Rule {
  /** Global regular expression; when `group` is set only that capture group is the secret. */
  re: RegExp;
  group?: number;
}

const RULES: readonly Rule[] = [
  // PEM private key blocks (RSA, EC, OPENSSH, PGP…), whole block.
  {
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  // Credentials inside URLs / connection strings: scheme://user:password@host → the password.
  { re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi, group: 1 },
  // JSON Web Tokens (three base64url parts, header starting with {" = eyJ).
  { re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  // Authorization headers.
  { re: /\b(?:Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{8,})/gi, group: 1 },
  // Provider key formats: OpenAI / Anthropic sk-…, AWS access keys, GitHub tokens, Slack tokens, Google API keys,
  // Stripe keys, GitLab personal tokens.
  { re: /\bsk-[A-Za-z0-9_-]{16,}/g },
  { re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\b/g },
  { re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b/g },
  { re: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { re: /\bxox[abposr]-[A-Za-z0-9-]{8,}/g },
  { re: /\bAIza[A-Za-z0-9_-]{30,}/g },
  { re: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { re: /\bglpat-[A-Za-z0-9_-]{16,}/g },
  // "password": "…", 'secret': '…' (JSON / YAML-ish with quotes).
  {
    re: /["']?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|client[_-]?secret|token|auth[_-]?token)["']?\s*[:=]\s*"([^"\n]{1,500})"/gi,
    group: 1,
  },
  {
    re: /["']?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|client[_-]?secret|token|auth[_-]?token)["']?\s*[:=]\s*'([^'\n]{1,500})'/gi,
    group: 1,
  },
  // password=…, api_key: … (unquoted, up to whitespace, & or ;).
  {
    re: /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|client[_-]?secret|aws_secret_access_key|auth[_-]?token|token)\s*[:=]\s*([^\s"'&;,]{3,})/gi,
    group: 1,
  },
];

/** Already a placeholder: never replaced again (a second pass leaves scrubbed text unchanged). */
const PLACEHOLDER = /^\[REDACTED_SECRET_\d+\]$/;

/**
 * Replaces secrets with `[REDACTED_SECRET_n]`. One instance numbers consistently across all the texts of one
 * request: the same secret gets the same placeholder wherever it appears, so the provider can still tell that two
 * mentions are the same thing.
 */
export class SecretScrubber {
  private readonly seen = new Map<string, string>();

  /** How many distinct secrets were replaced so far. */
  get count(): number {
    return this.seen.size;
  }

  scrub(text: string): string {
    let out = text;
    for (const { re, group } of RULES) {
      out = out.replace(re, (match: string, ...args: unknown[]) => {
        const secret = group ? (args[group - 1] as string | undefined) : match;
        if (!secret || PLACEHOLDER.test(secret)) return match;
        const placeholder = this.placeholderFor(secret);
        return group ? match.replace(secret, placeholder) : placeholder;
      });
    }
    return out;
  }

  private placeholderFor(secret: string): string {
    let p = this.seen.get(secret);
    if (!p) {
      p = `[REDACTED_SECRET_${this.seen.size + 1}]`;
      this.seen.set(secret, p);
    }
    return p;
  }
}

/** {@link SecretScrubber.scrub} for one text. */
export function scrubSecrets(text: string): string {
  return new SecretScrubber().scrub(text);
}
