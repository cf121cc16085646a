;;; diagnostics.el --- driven by TestEmacs: eglot starts "docqa lsp" -*- lexical-binding: t -*-
;; Emacs in batch mode, with eglot (built in from Emacs 29, Debian's
;; elpa-eglot before), opens DOC in text-mode, connects to DOCQA's language
;; server, waits for the diagnostics and prints each as
;; "LINE:COLUMN TEXT | MESSAGE", then exits.
(require 'package)
(package-initialize)
(require 'eglot)
(add-to-list 'eglot-server-programs `((markdown-mode text-mode) . (,(getenv "DOCQA") "lsp")))
(find-file (getenv "DOC"))
(text-mode)
;; eglot-ensure waits for a command loop that batch mode has not.
(apply #'eglot (eglot--guess-contact))
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.05)))
(dolist (d (flymake-diagnostics))
  (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
    (princ (format "%d:%d %s | %s\n" (line-number-at-pos beg)
                   (save-excursion (goto-char beg) (current-column))
                   (buffer-substring-no-properties beg end) (flymake-diagnostic-text d)))))
(kill-emacs 0)
