// Package templates holds what perfeval ships for users to start from and to
// replace, and the PDF report drawn from them: the report wording (text
// templates, replaceable with --template DIR), the embedded CJK font, and
// the renderer that lays a scored result out on A4 pages.
package templates
