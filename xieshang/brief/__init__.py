"""The meeting brief (通报): a written report of a region and period, as DOCX and PDF.

`compose.build` gathers the facts from the KPI layer and writes the content tree
(`model.Document`); `render` draws that one tree as DOCX (python-docx) or PDF (HTML through
WeasyPrint), so both files always say the same thing."""
