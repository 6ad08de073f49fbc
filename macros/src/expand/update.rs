//! Update builders (by key and by filter), lookups and deletes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Entity;

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let vis = entity.vis;
    let Some(key) = entity.key() else {
        return TokenStream::new();
    };
    let key_ty = key.ty;
    let builder = format_ident!("{}Update", ident);
    let soft_delete = entity.attrs.soft_delete.is_set().then(|| quote! {
        /// Removes the row with this key for good (a plain delete only marks it deleted).
        #vis async fn hard_delete_by_id<'a>(exec: impl entkit::Executor<'a>, key: #key_ty) -> entkit::Result<()> {
            entkit::hard_delete_by_key::<#ident>(exec, key).await
        }

        /// Brings back the soft-deleted row with this key.
        #vis async fn restore_by_id<'a>(exec: impl entkit::Executor<'a>, key: #key_ty) -> entkit::Result<()> {
            entkit::restore_by_key::<#ident>(exec, key).await
        }
    });

    let setters = entity.fields.iter().enumerate().filter(|(_, f)| f.settable_in_update()).map(|(index, f)| {
        let ty = f.ty;
        let set = format_ident!("set_{}", f.name);
        let doc = format!("Sets `{}`.", f.name);
        let clear = f.optional.then(|| {
            let clear = format_ident!("clear_{}", f.name);
            let doc = format!("Sets `{}` to NULL.", f.name);
            quote! {
                #[doc = #doc]
                pub fn #clear(mut self) -> Self {
                    self.inner.assign(#index, entkit::Value::Null(<#ty as entkit::ColumnValue>::TYPE));
                    self
                }
            }
        });
        let add = matches!(f.kind, crate::model::TypeKind::Int | crate::model::TypeKind::Float).then(|| {
            let add = format_ident!("add_{}", f.name);
            let inner = f.inner_ty;
            let doc = format!("Adds `delta` to `{}` in the database (`{} = {} + delta`).", f.name, f.column, f.column);
            quote! {
                #[doc = #doc]
                pub fn #add(mut self, delta: #inner) -> Self {
                    self.inner.assign_add(#index, entkit::ColumnValue::into_value(delta));
                    self
                }
            }
        });
        quote! {
            #add
            #[doc = #doc]
            pub fn #set(mut self, value: impl entkit::Operand<#ty>) -> Self {
                self.inner.assign(#index, entkit::Operand::into_operand(value));
                self
            }
            #clear
        }
    });

    let doc = format!(
        "Update builder for [`{ident}`]: by key from [`{ident}::update_by_id`] / `update()`, or by filter from [`{ident}::update_many`]."
    );
    quote! {
        #[doc = #doc]
        #[must_use = "an update builder does nothing until `save` or `exec` is called"]
        #[derive(Debug)]
        #vis struct #builder<M = entkit::Update<#ident>> {
            inner: M,
        }

        impl<M: entkit::Assign> #builder<M> {
            #(#setters)*
        }

        impl #builder<entkit::Update<#ident>> {
            /// Restricts the update to rows matching `predicate`.
            pub fn filter(mut self, predicate: entkit::Predicate<#ident>) -> Self {
                self.inner.filter(predicate);
                self
            }

            /// Applies the update; returns the number of rows matched.
            pub async fn exec<'a>(self, exec: impl entkit::Executor<'a>) -> entkit::Result<u64> {
                self.inner.exec(exec).await
            }

            /// Applies the update and returns the updated rows (PostgreSQL and
            /// SQLite; `Error::Unsupported` on MySQL/MariaDB, which lack
            /// `UPDATE ... RETURNING`).
            pub async fn exec_returning<'a>(
                self,
                exec: impl entkit::Executor<'a>,
            ) -> entkit::Result<::std::vec::Vec<#ident>> {
                self.inner.exec_returning(exec).await
            }
        }

        impl #builder<entkit::UpdateOne<#ident>> {
            /// Applies the update and returns the entity as stored.
            pub async fn save<'a>(self, exec: impl entkit::Executor<'a>) -> entkit::Result<#ident> {
                self.inner.save(exec).await
            }
        }

        impl #ident {
            /// A query over all rows; narrow it with `filter`.
            #vis fn query() -> entkit::Query<#ident> {
                entkit::Query::new()
            }

            /// The row with this key, or `Error::NotFound`.
            #vis async fn get<'a>(exec: impl entkit::Executor<'a>, key: #key_ty) -> entkit::Result<#ident> {
                entkit::get_by_key::<#ident>(exec, key).await
            }

            /// The row with this key, if any.
            #vis async fn find<'a>(exec: impl entkit::Executor<'a>, key: #key_ty) -> entkit::Result<::core::option::Option<#ident>> {
                entkit::find_by_key::<#ident>(exec, key).await
            }

            /// An update of the row with this key.
            #vis fn update_by_id(key: #key_ty) -> #builder<entkit::UpdateOne<#ident>> {
                #builder { inner: entkit::UpdateOne::new(key) }
            }

            /// An update of this row.
            #vis fn update(&self) -> #builder<entkit::UpdateOne<#ident>> {
                Self::update_by_id(entkit::Entity::key(self))
            }

            /// An update of every row matching the builder's `filter`.
            #vis fn update_many() -> #builder {
                #builder { inner: entkit::Update::new() }
            }

            /// Deletes the row with this key, or `Error::NotFound`.
            #vis async fn delete_by_id<'a>(exec: impl entkit::Executor<'a>, key: #key_ty) -> entkit::Result<()> {
                entkit::delete_by_key::<#ident>(exec, key).await
            }

            /// Deletes this row.
            #vis async fn delete<'a>(&self, exec: impl entkit::Executor<'a>) -> entkit::Result<()> {
                entkit::delete_by_key::<#ident>(exec, entkit::Entity::key(self)).await
            }

            #soft_delete

            /// A delete of every row matching its `filter`.
            #vis fn delete_many() -> entkit::Delete<#ident> {
                entkit::Delete::new()
            }
        }
    }
}
