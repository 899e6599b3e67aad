package jurisdiction

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEveryFormatRowNamesItsSource parses this package's source files and fails for any Format literal
// (a composite literal with a Pattern field) that has no "// source:" comment on the line just above it.
func TestEveryFormatRowNamesItsSource(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	rows := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		file, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		require.NoError(t, err)
		// sourceEndsOn maps the last line of every comment group that contains "source:" to true.
		sourceEndsOn := map[int]bool{}
		for _, group := range file.Comments {
			if strings.Contains(group.Text(), "source:") {
				sourceEndsOn[fset.Position(group.End()).Line] = true
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !hasKey(lit, "Pattern") {
				return true
			}
			rows++
			pos := fset.Position(lit.Pos())
			require.True(t, sourceEndsOn[pos.Line-1], "%s:%d: Format row without a // source: comment on the line above", name, pos.Line)
			return true
		})
	}
	total := 0
	for _, j := range All() {
		total += len(j.Formats)
	}
	require.Equal(t, total, rows, "every Format in the table is written as its own literal")
}

func hasKey(lit *ast.CompositeLit, key string) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == key {
				return true
			}
		}
	}
	return false
}
