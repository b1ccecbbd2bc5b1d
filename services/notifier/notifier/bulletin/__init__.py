"""通报: the monthly bulletin per jurisdiction — scheduling, rendering (HTML, XLSX), sending."""
