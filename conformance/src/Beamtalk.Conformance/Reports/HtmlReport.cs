using System.Globalization;
using System.Net;
using System.Text;
using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Gate;
using Beamtalk.Conformance.Results;

namespace Beamtalk.Conformance.Reports;

/// <summary>
/// report.html: one self-contained page for people. Styles and the filter script are inline and the
/// Content-Security-Policy forbids every fetch, so opening the file never contacts anything. All text
/// from the target is HTML-encoded; the page works as a plain document when scripts are off.
/// </summary>
public static class HtmlReport
{
    public static string Write(ConformanceResults results)
    {
        var catalogue = RequirementCatalogue.All.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>Conformance report: {E(results.Target.Name)}</title>\n<style>{Style}</style>\n</head>\n<body>\n");

        Header(html, results);
        Filters(html, results);
        Table(html, results);
        AcceptedRisks(html, results);
        WaiverNotes(html, results);
        BaselineSection(html, results);
        Details(html, results, catalogue);
        html.Append(CultureInfo.InvariantCulture, $"<script>{Script}</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, ConformanceResults results)
    {
        var run = results.Run;
        html.Append(CultureInfo.InvariantCulture, $"<h1>Conformance report: {E(results.Target.Name)}</h1>\n<p>{E(results.Target.Description)}</p>\n");
        var gate = results.Gate;
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"gate\" class=\"gate {gate.Status}\">{gate.Headline}</p>\n");
        if (!gate.Passed)
        {
            html.Append("<ul class=\"reasons\">");
            if (gate.NotJudged.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>could not be judged (the kit exits 2): {E(string.Join(", ", gate.NotJudged))}</li>");
            }

            foreach (var reason in gate.Reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
            }

            html.Append("</ul>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p class=\"policy\">The gate {E(results.Gate.Policy)}. Missing and Inconclusive are never counted as a pass.</p>\n<dl class=\"run\">")
            .Append(CultureInfo.InvariantCulture, $"<dt>Kit</dt><dd>{E(run.KitVersion)}{(run.KitCommit is { } commit ? $" ({E(commit)})" : string.Empty)}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Catalogue</dt><dd>{E(run.CatalogueVersion ?? "unknown")}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Target revision</dt><dd>{E(results.Target.Revision ?? "not given")}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Started</dt><dd>{run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {run.DurationSeconds:0.0} s</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>Selection</dt><dd>{E(run.Selection ?? "everything")}</dd></dl>\n");

        html.Append("<table class=\"counts\"><tr>");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"{Css(verdict)}\">{E(VerdictText.Display(verdict))}</th>");
        }

        html.Append("</tr><tr>");
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<td id=\"count-{Css(verdict)}\">{results.Count(verdict)}</td>");
        }

        html.Append("</tr></table>\n");
    }

    private static void Filters(StringBuilder html, ConformanceResults results)
    {
        html.Append("<form id=\"filters\" class=\"filters\" onsubmit=\"return false\"><fieldset><legend>Verdict</legend>");
        foreach (var verdict in Enum.GetValues<Verdict>().Where(v => results.Count(v) > 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" name=\"verdict\" value=\"{Css(verdict)}\" checked> {E(VerdictText.Display(verdict))}</label> ");
        }

        html.Append("</fieldset><label>Level <select name=\"level\"><option value=\"\">all</option>");
        foreach (var level in results.Requirements.Select(r => r.Level).Distinct().Order())
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{Level(level)}\">{Level(level)}</option>");
        }

        html.Append("</select></label> <label>Search <input type=\"search\" name=\"text\" placeholder=\"ID or words\"></label> ")
            .Append("<span id=\"shown\"></span></form>\n");
    }

    private static void Table(StringBuilder html, ConformanceResults results)
    {
        html.Append("<table id=\"verdicts\" class=\"verdicts\"><thead><tr><th>ID</th><th>Level</th><th>Requirement</th><th>Verdict</th><th>Reason</th></tr></thead><tbody>\n");
        foreach (var result in results.Requirements)
        {
            var reason = result.Waiver is { } waiver
                ? $"{waiver.WaivedVerdict}, waived until {waiver.Expires:yyyy-MM-dd}: {waiver.Justification}"
                : result.Reason.Split('\n', 2)[0];
            html.Append(CultureInfo.InvariantCulture, $"<tr data-verdict=\"{Css(result.Verdict)}\" data-level=\"{Level(result.Level)}\" data-id=\"{E(result.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"#req-{E(result.Id)}\">{E(result.Id)}</a></td><td>{Level(result.Level)}</td><td>{E(result.Title)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{Css(result.Verdict)}\">{E(VerdictText.Display(result.Verdict))}</td><td>{E(reason)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void AcceptedRisks(StringBuilder html, ConformanceResults results)
    {
        var waived = results.Requirements.Where(r => r.Waiver is not null).ToList();
        html.Append("<h2 id=\"accepted-risks\">Accepted risks</h2>\n");
        if (waived.Count == 0)
        {
            html.Append("<p>None: no failure was waived in this run.</p>\n");
            return;
        }

        html.Append("<table class=\"risks\"><thead><tr><th>ID</th><th>Waived verdict</th><th>Justification</th><th>Expires</th><th>Owner</th><th>Ticket</th></tr></thead><tbody>\n");
        foreach (var result in waived)
        {
            var waiver = result.Waiver!;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(result.Id)}</td><td>{E(waiver.WaivedVerdict)}</td><td>{E(waiver.Justification)}</td><td>{waiver.Expires:yyyy-MM-dd}</td><td>{E(waiver.Owner ?? "")}</td><td>{E(waiver.Ticket ?? "")}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void WaiverNotes(StringBuilder html, ConformanceResults results)
    {
        var others = results.Waivers.Where(w => w.State != WaiverState.Applied).ToList();
        if (others.Count == 0)
        {
            return;
        }

        html.Append("<h2 id=\"waivers\">Waivers without effect</h2>\n<ul>");
        foreach (var waiver in others)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{E(waiver.Id)}</strong>: {E(waiver.State.ToString().ToLowerInvariant())}. {E(waiver.Note)}</li>");
        }

        html.Append("</ul>\n");
    }

    private static void BaselineSection(StringBuilder html, ConformanceResults results)
    {
        if (results.Baseline is not { } baseline)
        {
            return;
        }

        var changes = baseline.Entries.Where(e => e.Change != BaselineChange.Unchanged).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"baseline\">Against the baseline</h2>\n<p>Baseline {E(baseline.Path)} (SHA-256 {E(baseline.ResultsSha256[..16])}…, catalogue {E(baseline.CatalogueVersion ?? "unknown")}): ");
        if (changes.Count == 0)
        {
            html.Append("no verdict changed.</p>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"{changes.Count} change(s).</p>\n<table class=\"baseline\"><thead><tr><th>ID</th><th>Change</th><th>Before</th><th>Now</th></tr></thead><tbody>\n");
        foreach (var change in changes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(change.Change == BaselineChange.Regression ? "fail" : "")}\"><td>{E(change.Id)}</td><td>{E(Baseline.Display(change.Change))}</td><td>{E(change.Before is { } before ? VerdictText.Display(before) : "absent")}</td><td>{E(VerdictText.Display(change.After))}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Details(StringBuilder html, ConformanceResults results, Dictionary<string, Requirement> catalogue)
    {
        html.Append("<h2 id=\"details\">Requirements, evidence and tests</h2>\n");
        foreach (var result in results.Requirements)
        {
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"requirement\" id=\"req-{E(result.Id)}\" data-verdict=\"{Css(result.Verdict)}\" data-level=\"{Level(result.Level)}\" data-id=\"{E(result.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"<summary><strong>{E(result.Id)}</strong> {E(result.Title)} — <span class=\"{Css(result.Verdict)}\">{E(VerdictText.Display(result.Verdict))}</span></summary>\n");
            if (catalogue.TryGetValue(result.Id, out var requirement))
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"statement\">{E(requirement.Statement)}</p><p><em>How it is checked:</em> {E(requirement.Verification)}</p><p><em>Source:</em> {E(requirement.Source)}. <em>Principles:</em> {E(string.Join(", ", requirement.Principles))}.</p>\n");
            }

            html.Append(CultureInfo.InvariantCulture, $"<p><em>Verdict reason:</em> {E(result.Reason)}</p>\n");
            if (result.Tests.Count == 0)
            {
                html.Append("<p>No test ran for this requirement.</p>\n");
            }

            foreach (var test in result.Tests)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h4>{E(test.Name)}: {E(test.Outcome.ToString())} ({test.Seconds:0.00} s)</h4>\n");
                if (test.Message is { } message)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<pre>{E(message)}</pre>\n");
                }

                foreach (var attachment in test.Attachments ?? [])
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p class=\"attachment\">Attachment: <a href=\"{E(Uri.EscapeDataString(attachment).Replace("%2F", "/", StringComparison.Ordinal))}\">{E(attachment)}</a></p>\n");
                }
            }

            html.Append("</details>\n");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Css(Verdict verdict) => verdict switch
    {
        Verdict.NonStrict => "non-strict",
        Verdict.AcceptedRisk => "accepted-risk",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    private static string Level(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:75rem;padding:0 1rem;color:#1b1f24}
        table{border-collapse:collapse;margin:.75rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
        .gate{font-size:1.4rem;font-weight:700;padding:.4rem .8rem;display:inline-block;border-radius:.3rem}
        .gate.pass{background:#dafbe1}.gate.fail{background:#ffebe9}.gate.not-judged{background:#fff8c5}
        .pass{color:#1a7f37}.fail{color:#cf222e}.non-strict,.inconclusive{color:#9a6700}.missing{color:#57606a}.caveat,.accepted-risk{color:#0969da}
        tr.fail td{background:#fff5f5}
        .filters fieldset{display:inline-block;margin-right:1rem}.filters label{margin-right:.5rem}
        details.requirement{border:1px solid #d0d7de;border-radius:.3rem;margin:.4rem 0;padding:.4rem .7rem}
        pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:.5rem}
        dl.run{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dl.run dt{font-weight:600}
        .hidden{display:none}
        """;

    private const string Script = """
        (function () {
          var form = document.getElementById('filters');
          function apply() {
            var verdicts = Array.from(form.querySelectorAll('input[name=verdict]:checked')).map(function (i) { return i.value; });
            var level = form.elements.level.value;
            var text = form.elements.text.value.trim().toLowerCase();
            var shown = 0;
            document.querySelectorAll('#verdicts tbody tr, details.requirement').forEach(function (row) {
              var visible = verdicts.indexOf(row.dataset.verdict) >= 0 && (!level || row.dataset.level === level)
                && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
              row.classList.toggle('hidden', !visible);
              if (visible && row.tagName === 'TR') { shown++; }
            });
            document.getElementById('shown').textContent = shown + ' shown';
          }
          form.addEventListener('input', apply);
          form.addEventListener('change', apply);
          apply();
        })();
        """;
}
