package jurisdiction

var brazil = []Jurisdiction{
	{Code: "br", Name: "Brazil", Printed: []string{"BRASIL"}, Formats: []Format{
		// source: canaltech.com.br "Placa Mercosul: como funciona a combinação de letras" and
		// spmbrasil.blogspot.com (2022): LLLNLNN since September 2018, only "Brasil" printed on the band.
		// Converted plates carry A..J in the fifth place (0→A ... 9→J) but new letters may be used there as
		// the series grows, so the class is the full A-Z.
		{Name: "br-mercosur", Pattern: `[A-Z]{3}[0-9][A-Z][0-9]{2}`, Example: "BRA2E19"},
		// source: spmbrasil.blogspot.com (2022): the 1990 standard, three letters and four digits (BOL-2022);
		// openalpr/openalpr runtime_data/postprocess/br.patterns lists only LLL#### ranges by state. Grey
		// plates stay on the road until the vehicle changes owner or state.
		{Name: "br-1990", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "AYO9034", Previous: true},
	}},
}
