-- Driven by TestNeovim: Neovim's own LSP client starts "docqa lsp", opens
-- the document DOC, waits for its diagnostics, applies the quick fix of the
-- doubled word through a code action, and writes what it saw to OUT as
-- JSON. It exits Neovim in every case.
local docqa, doc, out = os.getenv('DOCQA'), os.getenv('DOC'), os.getenv('OUT')
local result = { steps = {} }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local function step(name) table.insert(result.steps, name) end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  local client_id = vim.lsp.start_client({
    name = 'docqa',
    cmd = { docqa, 'lsp', '--debounce', '50ms' },
    root_dir = vim.fn.fnamemodify(doc, ':h'),
  })
  assert(client_id, 'the client did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  step('attached')

  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics in 20 s')
  local client = vim.lsp.get_client_by_id(client_id)
  result.offset_encoding = client.offset_encoding
  result.diagnostics = {}
  local doubled
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(result.diagnostics, { code = code, lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, source = d.source })
    if code == 'repetition/doubled-word' and not doubled then doubled = d end
  end
  assert(doubled, 'no repetition/doubled-word diagnostic')
  step('diagnostics')

  -- Where Neovim put the diagnostic (a byte column, converted from the
  -- server's encoding) and where the words are on the line.
  local line = vim.api.nvim_buf_get_lines(bufnr, doubled.lnum, doubled.lnum + 1, false)[1]
  result.doubled = { lnum = doubled.lnum, col = doubled.col, end_col = doubled.end_col,
    text = string.sub(line, doubled.col + 1, doubled.end_col) }

  vim.api.nvim_win_set_cursor(0, { doubled.lnum + 1, doubled.col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = {} }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000)
  assert(responses and responses[client_id], 'no answer to textDocument/codeAction')
  local actions = responses[client_id].result or {}
  result.actions = {}
  local fix
  for _, a in ipairs(actions) do
    table.insert(result.actions, a.title)
    if a.kind == 'quickfix' and not fix and not vim.startswith(a.title, 'Suppress') then fix = a end
  end
  assert(fix, 'no quick fix among the code actions')
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  result.line_after = vim.api.nvim_buf_get_lines(bufnr, doubled.lnum, doubled.lnum + 1, false)[1]
  step('fixed')

  -- The edit reaches the server: the doubled word's diagnostic goes.
  assert(vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'repetition/doubled-word' and d.lnum == doubled.lnum then return false end
    end
    return true
  end, 20), 'the doubled word is still reported after the fix')
  step('rechecked')
  vim.lsp.stop_client(client_id)
end)
result.ok = ok
if not ok then result.error = tostring(err) end
finish()
