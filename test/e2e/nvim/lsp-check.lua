-- End-to-end check of the language server in a second real editor: headless Neovim 0.7 (Debian
-- bookworm) as the LSP client over stdio.
--
--  1. starts the server (env LSP_CMD), opens LSP_FILE with filetype therapy-note and waits until
--     diagnostics arrive (both on the wire and in Neovim's vim.diagnostic);
--  2. writes them to LSP_OUT as JSON lines, sorted by position:
--       {"line":3,"col":1,"severity":1,"code":"TN001","message":"..."}
--     line/col are 1-based; col counts UTF-16 code units like VS Code's "Col" (the LSP default
--     encoding), taken from the diagnostic the server sent; severity is the LSP number (1 = error);
--  3. if LSP_CODE_ACTION_CODE is set: asks textDocument/codeAction for the first diagnostic with that
--     code (passing the overlapping diagnostics in context.diagnostics, as the protocol requires),
--     applies the first returned action (its edit; after codeAction/resolve or via its command if it
--     has none) to the buffer, and writes the buffer text to LSP_OUT .. '.after'. The file on disk is
--     not modified.
-- Exit code: 0 on success; 1 on timeout / no diagnostics / no usable code action; 2 on bad usage;
-- 3 on an unexpected Lua error.
--
-- Usage (keep Neovim's own files out of $HOME):
--   XDG_CACHE_HOME=$(mktemp -d) XDG_STATE_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) \
--   LSP_CMD='node bin/tnote-language-server.js --stdio' LSP_FILE=examples/x.tnote LSP_OUT=out/nvim.jsonl \
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/nvim/lsp-check.lua'
-- Optional env: LSP_CMD may be a JSON array (for arguments with spaces); LSP_FILETYPE (default
-- therapy-note); LSP_ROOT (default the file's folder); LSP_TIMEOUT_MS (default 15000, per wait);
-- LSP_EXPECT_COUNT=n waits for a publication of exactly n diagnostics (0 included: a clean file)
-- instead of the first non-empty one; on timeout the last publication is written anyway, so the
-- caller's comparison shows the difference (exit 1 only when nothing was published at all).
--
-- Neovim 0.7 specifics: no vim.lsp.start (0.8+), so start_client + buf_attach_client; handlers take
-- (err, result, ctx, config); apply_workspace_edit(edit, offset_encoding) wants the encoding (0.7
-- warns without it); and vim.diagnostic keeps no LSP range (turning it back into LSP gives byte
-- columns), so the diagnostics are captured as sent, from the publishDiagnostics handler.

local t0 = vim.loop.hrtime()
local function elapsed_ms() return (vim.loop.hrtime() - t0) / 1e6 end
local function log(msg) io.stdout:write(('[nvim %5.0f ms] %s\n'):format(elapsed_ms(), msg)) end

local client_id

local function finish(code, msg)
  if msg then log(msg) end
  if client_id and not vim.lsp.client_is_stopped(client_id) then
    vim.lsp.stop_client(client_id)
    -- polling with a deadline: lets the server handle shutdown/exit instead of being killed
    vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
  end
  io.stdout:flush()
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

local function json(v)
  if v == nil then return 'null' end
  return vim.fn.json_encode(v)
end

local function write_file(path, text)
  local f, err = io.open(path, 'w')
  if not f then error(('cannot write %s: %s'):format(path, err)) end
  f:write(text)
  f:close()
end

-- The server's stderr only goes to Neovim's LSP log: show its tail when the server dies.
local function lsp_log_tail(n)
  local path = vim.lsp.get_log_path()
  local f = io.open(path, 'r')
  if not f then return '' end
  local all = {}
  for l in f:lines() do all[#all + 1] = l end
  f:close()
  local tail = {}
  for i = math.max(1, #all - n + 1), #all do tail[#tail + 1] = all[i] end
  return ('\n--- %s (last %d lines)\n%s'):format(path, n, table.concat(tail, '\n'))
end

local function realpath(p) return vim.loop.fs_realpath(p) or p end

local function ranges_overlap(a, b)
  local function before(p, q) return p.line < q.line or (p.line == q.line and p.character < q.character) end
  return not (before(a['end'], b.start) or before(b['end'], a.start))
end

local function main()
  local cmd_env = os.getenv('LSP_CMD') or ''
  local cmd
  if cmd_env:match('^%s*%[') then cmd = vim.fn.json_decode(cmd_env)
  else cmd = vim.split(cmd_env, '%s+', { trimempty = true }) end
  local file, out = os.getenv('LSP_FILE'), os.getenv('LSP_OUT')
  if #cmd == 0 or not file or not out then
    return finish(2, 'FAIL: set LSP_CMD, LSP_FILE and LSP_OUT')
  end
  if vim.fn.filereadable(file) ~= 1 then return finish(2, 'FAIL: cannot read LSP_FILE ' .. file) end
  file = realpath(vim.fn.fnamemodify(file, ':p'))
  local timeout = tonumber(os.getenv('LSP_TIMEOUT_MS') or '15000')
  local wanted_code = os.getenv('LSP_CODE_ACTION_CODE')
  if wanted_code == '' then wanted_code = nil end

  local sent = {} -- diagnostics exactly as the server published them, by real file path
  local server_exit
  client_id = vim.lsp.start_client({
    name = 'tnote-e2e',
    cmd = cmd,
    root_dir = os.getenv('LSP_ROOT') or vim.fn.fnamemodify(file, ':h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result and result.uri then sent[realpath(vim.uri_to_fname(result.uri))] = result.diagnostics end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
    on_exit = function(code, signal) server_exit = ('code=%s signal=%s'):format(code, signal) end,
  })
  if not client_id then return finish(1, 'FAIL: could not start the language server: ' .. table.concat(cmd, ' ')) end

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = os.getenv('LSP_FILETYPE') or 'therapy-note' -- becomes the languageId in didOpen
  vim.lsp.buf_attach_client(bufnr, client_id)

  local expect_count = tonumber(os.getenv('LSP_EXPECT_COUNT') or '')
  local got = vim.wait(timeout, function()
    if server_exit ~= nil then return true end
    if expect_count then
      -- a publication with exactly that many (0 included) that Neovim has taken in too
      return sent[file] ~= nil and #sent[file] == expect_count and #vim.diagnostic.get(bufnr) == expect_count
    end
    return sent[file] and #sent[file] > 0 and #vim.diagnostic.get(bufnr) > 0
  end, 10)
  if server_exit then return finish(1, 'FAIL: language server exited early (' .. server_exit .. ')' .. lsp_log_tail(15)) end
  if not got then
    if expect_count and sent[file] then
      log(('the last publication had %d diagnostics, not %d'):format(#sent[file], expect_count))
    else
      return finish(1, ('FAIL: no diagnostics for %s within %d ms'):format(file, timeout))
    end
  end
  local diags = vim.deepcopy(sent[file])
  table.sort(diags, function(a, b)
    local pa, pb = a.range.start, b.range.start
    if pa.line ~= pb.line then return pa.line < pb.line end
    if pa.character ~= pb.character then return pa.character < pb.character end
    return tostring(a.code) < tostring(b.code)
  end)
  local lines = {}
  for _, d in ipairs(diags) do
    lines[#lines + 1] = ('{"line":%d,"col":%d,"severity":%s,"code":%s,"message":%s}'):format(
      d.range.start.line + 1, d.range.start.character + 1, json(d.severity), json(d.code), json(d.message))
  end
  write_file(out, table.concat(lines, '\n') .. '\n')
  log(('%d diagnostics -> %s'):format(#diags, out))

  if not wanted_code then return finish(0, 'PASS') end

  local target
  for _, d in ipairs(diags) do
    if d.code ~= nil and tostring(d.code) == wanted_code then target = d; break end
  end
  if not target then return finish(1, 'FAIL: no diagnostic with code ' .. wanted_code) end
  local context_diags = { target }
  for _, d in ipairs(diags) do
    if d ~= target and ranges_overlap(d.range, target.range) then context_diags[#context_diags + 1] = d end
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local encoding = client.offset_encoding or 'utf-16'
  local resp, err = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.range,
    context = { diagnostics = context_diags },
  }, timeout, bufnr)
  if not resp then return finish(1, 'FAIL: textDocument/codeAction: ' .. tostring(err)) end
  if resp.err then return finish(1, 'FAIL: textDocument/codeAction error: ' .. vim.inspect(resp.err)) end
  local actions = resp.result or {}
  if #actions == 0 then return finish(1, 'FAIL: no code action for ' .. wanted_code) end
  local action = actions[1]
  log(('%d code actions; applying "%s"'):format(#actions, tostring(action.title)))

  local caps = client.server_capabilities or {}
  local provider = caps.codeActionProvider
  if not action.edit and type(action.command) ~= 'string' and type(provider) == 'table' and provider.resolveProvider then
    local r, rerr = client.request_sync('codeAction/resolve', action, timeout, bufnr)
    if not r or r.err then return finish(1, 'FAIL: codeAction/resolve: ' .. vim.inspect(rerr or r.err)) end
    action = r.result
  end

  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, encoding)
  end
  -- a Command, or a CodeAction's command: the server applies its edit via workspace/applyEdit
  local command = type(action.command) == 'table' and action.command or (type(action.command) == 'string' and action)
  if command then
    local r, cerr = client.request_sync('workspace/executeCommand',
      { command = command.command, arguments = command.arguments }, timeout, bufnr)
    if not r or r.err then return finish(1, 'FAIL: workspace/executeCommand: ' .. vim.inspect(cerr or r.err)) end
  end
  if vim.api.nvim_buf_get_changedtick(bufnr) == tick then
    return finish(1, 'FAIL: the code action did not change the document')
  end

  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  if vim.bo[bufnr].eol then text = text .. '\n' end
  write_file(out .. '.after', text)
  log('buffer after the code action -> ' .. out .. '.after')
  finish(0, 'PASS')
end

local ok, err = xpcall(main, debug.traceback)
if not ok then finish(3, 'FAIL: ' .. tostring(err)) end
