"""通报: each jurisdiction's bulletins per period — scheduling, rendering (HTML, XLSX), sending."""
