using Beamtalk.Conformance.Catalogue;
using Beamtalk.Conformance.Principles.Reports;
using Beamtalk.Conformance.Principles.Rules;

namespace Beamtalk.Conformance.Principles.Tests;

/// <summary>
/// What the check got wrong on the public history of an Erlang, Rust and Elixir REPL project, each in the
/// same shape (written for this test), read through git like a real pull request.
/// </summary>
public sealed class RealHistoryShapesTests : IDisposable
{
    private readonly ScratchRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    private string Start => _repository.Git("rev-parse", "HEAD").Trim();

    [Fact]
    public void A_cookie_pushed_into_a_vector_that_becomes_a_helpers_argv_is_a_violation()
    {
        var start = Start;
        _repository.Commit("node launcher", false, ("crates/launcher/src/node.rs", """
            use std::process::Command;

            pub fn start_node(erl: &str, cookie: &String, name: &str) -> std::io::Result<std::process::Child> {
                let mut args: Vec<String> = vec!["-noshell".into(), "-sname".into(), name.into()];
                args.push("-setcookie".into());
                args.push(cookie.clone());
                Command::new(erl).args(&args).spawn()
            }
            """));
        var report = Check(start);
        var finding = Assert.Single(report.Active, f => f.Level == FindingLevel.Violation);
        Assert.Equal(("RS-SECRET-TO-ARGV", 7), (finding.Rule.Id, finding.Where.Line));
    }

    [Fact]
    public void Removing_a_web_listener_and_its_static_routes_touches_P5()
    {
        _repository.Commit("web ide", false, ("apps/web/src/web_app.erl", """
            -module(web_app).
            -export([start/2]).

            start(_Type, _Args) ->
                Dispatch = cowboy_router:compile([{'_', [{"/", cowboy_static, {priv_file, web, "index.html"}},
                                                         {"/assets/[...]", cowboy_static, {priv_dir, web, "assets"}}]}]),
                {ok, _} = cowboy:start_clear(web_http, [{port, 8080}], #{env => #{dispatch => Dispatch}}),
                web_sup:start_link().
            """));
        var start = Start;
        _repository.Commit("drop web ide", false, ("apps/web/src/web_app.erl", """
            -module(web_app).
            -export([start/2]).

            start(_Type, _Args) ->
                web_sup:start_link().
            """));
        var report = Check(start);
        Assert.NotEqual(PrincipleStatus.Untouched, report.StatusOf(Principle.P5));
        var removed = Assert.Single(report.For(Principle.P5));
        Assert.True(removed.Where.Removed);
        Assert.Equal(FindingLevel.Satisfies, removed.Level);
    }

    [Fact]
    public void Moving_the_cookie_from_setcookie_on_argv_to_an_args_file_is_recognised_as_a_fix()
    {
        _repository.Commit("launcher", false, ("src/launch.rs", Launcher("cmd.arg(\"-setcookie\").arg(&cookie);")));
        var start = Start;
        _repository.Commit("args file", false, ("src/launch.rs", Launcher("cmd.arg(\"-args_file\").arg(&args_path);")));
        var report = Check(start);
        var fix = Assert.Single(report.Active, f => f.Rule.Id == "RS-SECRET-TO-ARGV");
        Assert.True(fix.Where.Removed);
        Assert.Equal(FindingLevel.Satisfies, fix.Level);
        Assert.Equal(0, report.Violations);

        static string Launcher(string cookieLine) => $$"""
            use std::process::Command;

            pub fn launch(cookie: String, args_path: std::path::PathBuf) -> std::io::Result<()> {
                let mut cmd = Command::new("erl");
                cmd.arg("-noshell");
                {{cookieLine}}
                cmd.spawn()?;
                Ok(())
            }
            """;
    }

    [Fact]
    public void Removing_a_variable_time_case_match_is_noticed()
    {
        _repository.Commit("auth", false, ("src/repl_auth.erl", """
            -module(repl_auth).
            -export([check_cookie/2]).

            check_cookie(Provided, Expected) ->
                case Provided of
                    Expected -> ok;
                    _ -> {error, bad_cookie}
                end.
            """));
        var start = Start;
        _repository.Commit("fixed time", false, ("src/repl_auth.erl", """
            -module(repl_auth).
            -export([check_cookie/2]).

            check_cookie(Provided, Expected) ->
                case crypto:hash_equals(crypto:hash(sha256, Provided), crypto:hash(sha256, Expected)) of
                    true -> ok;
                    false -> {error, bad_cookie}
                end.
            """));
        var report = Check(start);
        var removed = Assert.Single(report.Active, f => f.Rule.Id == "ERL-COMPARE-VARIABLE-TIME");
        Assert.True(removed.Where.Removed);
        Assert.Equal(FindingLevel.Satisfies, removed.Level);
    }

    [Fact]
    public void A_cfg_test_function_writing_a_test_cookie_and_files_under_test_fixtures_are_test_code()
    {
        var start = Start;
        _repository.Commit("cookie tests", false,
            ("crates/cli/src/cookie.rs", """
                use std::fs;
                use std::path::Path;

                pub fn cookie_path(dir: &Path) -> std::path::PathBuf {
                    dir.join("cookie")
                }

                #[cfg(test)]
                mod tests {
                    use super::*;

                    fn write_test_cookie(dir: &Path) {
                        fs::write(cookie_path(dir), "testcookie").unwrap();
                    }
                }
                """),
            ("test_fixtures/leaky_server.erl", """
                -module(leaky_server).
                start() -> gen_tcp:listen(0, [binary, {active, false}]).
                """));
        var report = Check(start);
        Assert.DoesNotContain(report.Active, f => f.Level == FindingLevel.Violation);
        Assert.All(report.Active.Where(f => f.Rule.Id is "RS-SECRET-FILE-BROAD" or "ERL-LISTEN-WILDCARD"), f => Assert.True(f.InTestCode));
        Assert.Contains(report.Active, f => f.Rule.Id == "ERL-LISTEN-WILDCARD");
        Assert.Equal(2, report.Analysis.ScannedFiles);
        Assert.Equal(1, report.Analysis.TestFiles);
    }

    [Fact]
    public void Test_paths_can_be_added_in_the_repository_file_and_unscanned_files_are_counted_by_reason()
    {
        var start = Start;
        _repository.Commit("harness", false,
            (".beamtalk-principles.yaml", "# test code outside the conventions\ntests:\n  - harness/\n"),
            ("harness/fake_node.erl", "start() -> gen_tcp:listen(0, [binary]).\n"),
            ("web/app.js", "server.listen(8080);\n"),
            ("README.md", "# notes\n"));
        var report = Check(start);
        Assert.True(Assert.Single(report.Active, f => f.Rule.Id == "ERL-LISTEN-WILDCARD").InTestCode);
        Assert.Contains(("no rule pack for .js", 1), report.Analysis.SkippedByReason);
        var text = TextReport.Write(report);
        Assert.Contains("not scanned: 1 file(s), no rule pack for .js", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_config_binding_a_web_ide_to_every_interface_is_a_P5_violation()
    {
        var start = Start;
        _repository.Commit("web ide config", false,
            ("config/runtime.exs", """
                import Config

                if config_env() == :prod do
                  port = String.to_integer(System.get_env("PORT") || "4000")

                  config :repl_ide, ReplIdeWeb.Endpoint,
                    http: [ip: {0, 0, 0, 0, 0, 0, 0, 0}, port: port],
                    server: true
                end
                """),
            ("lib/repl_ide/application.ex", "defmodule ReplIde.Application do\n  use Application\nend\n"),
            ("assets/app.js", "import \"phoenix_html\";\n"));
        var report = Check(start);
        Assert.Equal(PrincipleStatus.Violated, report.StatusOf(Principle.P5));
        var finding = Assert.Single(report.Active, f => f.Level == FindingLevel.Violation);
        Assert.Equal(("EX-LISTEN-WILDCARD", "config/runtime.exs", 7), (finding.Rule.Id, finding.Where.Path, finding.Where.Line));
        Assert.Equal(2, report.Analysis.ScannedFiles);
        Assert.Contains(report.Analysis.Skipped, s => s.Path == "assets/app.js");
    }

    [Fact]
    public void Catch_alls_in_cleanup_and_documented_clauses_are_notes_and_only_a_boundary_one_is_a_violation()
    {
        var start = Start;
        _repository.Commit("server", false, ("src/repl_server.erl", """
            -module(repl_server).
            -behaviour(gen_server).
            -export([init/1, terminate/2, is_port_open/1, accept_loop/1]).

            terminate(_Reason, #state{socket = Socket, tmp = Tmp}) ->
                try
                    gen_tcp:close(Socket),
                    file:delete(Tmp)
                catch
                    _:_ -> ok
                end.

            %% Probing a port: any failure means "not open", deliberately.
            is_port_open(Port) ->
                try gen_tcp:connect("localhost", Port, []) of
                    {ok, S} -> gen_tcp:close(S), true
                catch
                    _:_ -> false
                end.

            accept_loop(LSock) ->
                {ok, Sock} = gen_tcp:accept(LSock),
                try handshake(Sock)
                catch
                    _:_ -> ok
                end,
                accept_loop(LSock).
            """));
        var report = Check(start);
        var catchAlls = report.Active.Where(f => f.Rule.Id == "ERL-CATCH-ALL-SWALLOW").ToList();
        Assert.Equal(3, catchAlls.Count);
        var violation = Assert.Single(catchAlls, f => f.Level == FindingLevel.Violation);
        Assert.Equal(25, violation.Where.Line);
        Assert.All(catchAlls.Where(f => f != violation), f => Assert.Equal(FindingLevel.Note, f.Level));
    }

    [Fact]
    public void Curl_in_a_package_list_is_not_a_network_finding()
    {
        var start = Start;
        _repository.Commit("setup", false, ("scripts/setup.sh", """
            #!/bin/sh
            for pkg in git curl jq; do
                command -v "$pkg" >/dev/null || echo "missing $pkg"
            done
            """));
        Assert.DoesNotContain(Check(start).Active, f => f.Rule.Id == "SH-SPAWN-OR-NETWORK");
    }

    [Fact]
    public void The_text_format_lists_a_finding_under_every_principle_it_maps_to()
    {
        var start = Start;
        _repository.Commit("listener", false, ("net.py", "sock.bind((\"0.0.0.0\", 8080))\n"));
        var text = TextReport.Write(Check(start));
        var p2 = text[text.IndexOf("\nP2 ", StringComparison.Ordinal)..text.IndexOf("\nP3 ", StringComparison.Ordinal)];
        Assert.Contains("violated", p2, StringComparison.Ordinal);
        Assert.Contains("PY-LISTEN-WILDCARD", p2, StringComparison.Ordinal);
    }

    private PrinciplesReport Check(string from) => PrinciplesCheck.Run(new PrinciplesRequest(_repository.Root, from, "HEAD"));
}
